namespace Store.Domain.Catalog;

/// <summary>An option as the owner types it: a name and its values in display order.</summary>
public sealed record OptionSpec(string Name, IReadOnlyList<string> Values)
{
    /// <summary>"Size" and "S, M, L" → Size: S, M, L; blanks and repeats dropped.</summary>
    public static OptionSpec Parse(string name, string values) =>
        new(name.Trim(), [.. values.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase)]);
}
