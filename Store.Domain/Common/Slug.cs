using System.Text;

namespace Store.Domain.Common;

public static class Slug
{
    public static string From(string text)
    {
        var sb = new StringBuilder(text.Length);
        var dash = false;
        foreach (var c in text.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
                dash = false;
            }
            else if (!dash && sb.Length > 0)
            {
                sb.Append('-');
                dash = true;
            }
        }

        return sb.ToString().TrimEnd('-');
    }

    /// <summary>Lower-case ASCII letters and digits in words joined by single dashes: what <see cref="From"/> makes.</summary>
    public static bool IsValid(string? slug) => !string.IsNullOrEmpty(slug) && From(slug) == slug;
}
