using System.Globalization;

namespace Store.Infrastructure.Inventory;

/// <summary>The last (variant, location) pair of a page, written "variant.location" so clients treat it as opaque.</summary>
public readonly record struct StockCursor(int VariantId, int LocationId)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{VariantId}.{LocationId}");

    public static bool TryParse(string? text, out StockCursor cursor)
    {
        cursor = default;
        var parts = (text ?? "").Split('.');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var variant)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var location))
        {
            cursor = new StockCursor(variant, location);
            return true;
        }

        return false;
    }
}
