using System.Globalization;
using System.Text;
using Store.Domain.Common;

namespace Store.Infrastructure.Reports;

public enum ReportColumnKind
{
    Text,
    Number,

    /// <summary>A <see cref="long"/> in minor units of the report's currency.</summary>
    Money,
}

public sealed record ReportColumn(string Name, ReportColumnKind Kind);

/// <summary>
/// A report as rows of cells, the same for the page and the CSV download: what staff see on screen is what they
/// export. Cells are strings, numbers, or money as <see cref="long"/> minor units of <see cref="Currency"/>.
/// </summary>
public sealed record ReportTable(string Title, string Note, string Currency, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<object>> Rows)
{
    /// <summary>The index of the column a chart draws (the first money column), or -1.</summary>
    public int ChartColumn => Columns.Select((c, i) => (c, i)).FirstOrDefault(x => x.c.Kind == ReportColumnKind.Money, (null!, -1)).Item2;

    /// <summary>RFC 4180 CSV: a header, then a line per row; money in major units with a point ("12.50"), whatever the store's culture.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Columns.Select(c => Quote(c.Kind == ReportColumnKind.Money ? $"{c.Name} ({Currency})" : c.Name))).Append("\r\n");
        foreach (var row in Rows)
        {
            csv.AppendJoin(',', row.Select((cell, i) => Quote(Invariant(cell, Columns[i].Kind)))).Append("\r\n");
        }

        return csv.ToString();
    }

    public string Invariant(object cell, ReportColumnKind kind) => kind == ReportColumnKind.Money
        ? Currencies.ToMajor((long)cell, Currency).ToString("F" + Currencies.MinorDigits(Currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
        : Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "";

    private static string Quote(string value)
    {
        // A leading =, +, - or @ would be run as a formula by a spreadsheet: such text gets a quote in front.
        if (value.Length > 0 && "=+-@".Contains(value[0]) && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
