namespace Store.Domain.Catalog;

/// <summary>The variants a set of options calls for: every combination of one value per option, first option slowest.</summary>
public static class VariantMatrix
{
    public const int MaxOptions = 3;
    public const int MaxVariants = 100;

    public static string? WhyInvalid(IReadOnlyList<OptionSpec> options)
    {
        if (options.Count > MaxOptions)
        {
            return $"A product has at most {MaxOptions} options.";
        }

        foreach (var option in options)
        {
            if (string.IsNullOrWhiteSpace(option.Name) || option.Name.Length > ProductOption.MaxNameLength)
            {
                return $"An option name is 1 to {ProductOption.MaxNameLength} characters.";
            }

            if (option.Values.Count == 0)
            {
                return $"Option {option.Name} needs at least one value.";
            }

            if (option.Values.Any(v => string.IsNullOrWhiteSpace(v) || v.Length > ProductOption.MaxValueLength))
            {
                return $"A value of {option.Name} is 1 to {ProductOption.MaxValueLength} characters.";
            }

            if (option.Values.Distinct(StringComparer.OrdinalIgnoreCase).Count() != option.Values.Count)
            {
                return $"Option {option.Name} repeats a value.";
            }
        }

        if (options.Select(o => o.Name.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Count)
        {
            return "Two options have the same name.";
        }

        return options.Aggregate(1L, (n, o) => n * o.Values.Count) > MaxVariants ? $"These options make more than {MaxVariants} variants." : null;
    }

    public static IReadOnlyList<IReadOnlyList<string>> Combinations(IReadOnlyList<OptionSpec> options)
    {
        IEnumerable<IReadOnlyList<string>> rows = [[]];
        foreach (var option in options)
        {
            rows = rows.SelectMany(row => option.Values.Select(v => (IReadOnlyList<string>)[.. row, v])).ToList();
        }

        return options.Count == 0 ? [] : rows.ToList();
    }

    /// <summary>"S / Red" for the values S and Red; "Default" for a product without options.</summary>
    public static string Title(IReadOnlyList<string> values) => values.Count == 0 ? "Default" : string.Join(" / ", values);

    /// <summary>The value of the option called Size, which the storefront's size facet reads.</summary>
    public static string? ValueOf(IReadOnlyList<OptionSpec> options, IReadOnlyList<string> values, params string[] names)
    {
        for (var i = 0; i < options.Count && i < values.Count; i++)
        {
            if (names.Contains(options[i].Name.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                return values[i];
            }
        }

        return null;
    }
}
