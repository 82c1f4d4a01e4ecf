namespace Store.Infrastructure.Caching;

/// <summary>
/// "instance:cache", the payload on both transports. The sender's own instance id lets it skip its own messages
/// (it dropped its cache before sending); dropping twice would be harmless anyway, since a drop only bumps a version.
/// </summary>
public static class CacheMessage
{
    public const string Channel = "store_cache";

    public static string Format(string instanceId, string cache) => $"{instanceId}:{cache}";

    public static bool TryParse(string payload, out string instanceId, out string cache)
    {
        var colon = payload.LastIndexOf(':');
        instanceId = colon > 0 ? payload[..colon] : "";
        cache = colon > 0 ? payload[(colon + 1)..] : "";
        return colon > 0 && CacheNames.All.Contains(cache);
    }
}
