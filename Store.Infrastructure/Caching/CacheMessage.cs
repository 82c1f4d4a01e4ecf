using System.Globalization;

namespace Store.Infrastructure.Caching;

/// <summary>
/// "instance:cache", the payload on both transports; over Redis a catalog message also carries the second level's new
/// generation ("instance:catalog:42"), so receivers read the shared entries written after the change, never before it.
/// The sender's own instance id lets it skip its own messages (it dropped its cache before sending); dropping twice
/// would be harmless anyway, since a drop only bumps a version.
/// </summary>
public static class CacheMessage
{
    public const string Channel = "store_cache";

    public static string Format(string instanceId, string cache, long? generation = null) =>
        generation is { } g ? $"{instanceId}:{cache}:{g.ToString(CultureInfo.InvariantCulture)}" : $"{instanceId}:{cache}";

    public static bool TryParse(string payload, out string instanceId, out string cache) =>
        TryParse(payload, out instanceId, out cache, out _);

    public static bool TryParse(string payload, out string instanceId, out string cache, out long? generation)
    {
        var parts = payload.Split(':');
        instanceId = parts.Length is 2 or 3 ? parts[0] : "";
        cache = parts.Length is 2 or 3 ? parts[1] : "";
        generation = null;
        if (parts.Length == 3)
        {
            if (!long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var g))
            {
                return false;
            }

            generation = g;
        }

        return instanceId.Length > 0 && CacheNames.All.Contains(cache);
    }
}
