namespace Store.Domain.Settings;

/// <summary>
/// How a stored secret is shown back: never in full, only enough for the owner to recognise which key is in place.
/// Short secrets show nothing, since their last four characters would be most of them.
/// </summary>
public static class SecretMask
{
    public const string Dots = "••••";

    public static string Mask(string? secret) =>
        string.IsNullOrEmpty(secret) ? "" : secret.Length < 12 ? Dots : $"{Dots} {secret[^4..]}";
}
