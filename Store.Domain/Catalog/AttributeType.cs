using System.Globalization;

namespace Store.Domain.Catalog;

public enum AttributeType
{
    Text,
    Bool,
    Number,
}

public static class AttributeValues
{
    public const int MaxLength = 200;

    /// <summary>The value in its one stored spelling ("true", "12.5", trimmed text), or null when it is not of the type.</summary>
    public static string? Normalise(AttributeType type, string? value)
    {
        var v = value?.Trim() ?? "";
        if (v.Length == 0 || v.Length > MaxLength)
        {
            return null;
        }

        return type switch
        {
            AttributeType.Bool => v.ToLowerInvariant() switch
            {
                "true" or "yes" or "1" => "true",
                "false" or "no" or "0" => "false",
                _ => null,
            },
            AttributeType.Number => decimal.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n.ToString(CultureInfo.InvariantCulture) : null,
            _ => v,
        };
    }
}
