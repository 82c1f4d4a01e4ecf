namespace Store.Domain.Shipping;

/// <summary>A variant's unit weight in grams and how many go in the parcel.</summary>
public sealed record ParcelItem(int UnitWeightGrams, int Quantity)
{
    public static long TotalGrams(IEnumerable<ParcelItem> items) => items.Sum(i => checked((long)i.UnitWeightGrams * i.Quantity));
}
