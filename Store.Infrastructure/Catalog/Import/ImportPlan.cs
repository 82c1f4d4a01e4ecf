namespace Store.Infrastructure.Catalog.Import;

/// <summary>A line that adds or changes a variant (or its product): what it does, in words for the preview.</summary>
public sealed record ImportChange(int Line, string Sku, string Product, string What);

/// <summary>What an import would do (or did): nothing is applied unless <see cref="Rejected"/> is empty.</summary>
public sealed record ImportPlan(
    IReadOnlyList<ImportChange> Added,
    IReadOnlyList<ImportChange> Changed,
    int Unchanged,
    IReadOnlyList<ImportRejection> Rejected,
    IReadOnlyList<string> NewBrands,
    IReadOnlyList<string> Notes,
    string? FileError)
{
    public bool CanApply => FileError is null && Rejected.Count == 0;

    public bool HasChanges => Added.Count > 0 || Changed.Count > 0;
}

public sealed record ImportResult(bool Applied, ImportPlan Plan);
