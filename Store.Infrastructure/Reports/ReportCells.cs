using System.Globalization;

namespace Store.Infrastructure.Reports;

/// <summary>
/// A report row as read from SQL: up to five cells, all as text, so one shape serves every report whatever its column
/// types; <see cref="ReportQueries"/> turns numbers back into <see cref="long"/>.
/// </summary>
internal sealed record ReportCells(string? A, string? B, string? C, string? D, string? E)
{
    public static readonly string[] Names = ["a", "b", "c", "d", "e"];

    public string? Cell(int index) => index switch
    {
        0 => A,
        1 => B,
        2 => C,
        3 => D,
        _ => E,
    };

    public static long Long(string? cell) => cell is null ? 0 : long.Parse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
