using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using ZXing.OneD;

namespace Store.Infrastructure.Shipping;

/// <summary>
/// Draws a 4 × 6 inch label (the size thermal label printers take) with PDFsharp. The tracking number is a Code 128
/// barcode: ZXing encodes it to a row of modules and each run of dark modules is drawn as one filled rectangle, so the
/// bars are vectors that print sharp at any resolution. Nothing else on the label is a filled rectangle, which lets
/// a test read the bars back out of the PDF.
/// </summary>
public static class ShippingLabelPdf
{
    public const double PageWidth = 288;
    public const double PageHeight = 432;
    public const double BarHeight = 64;
    private const double Margin = 14;
    private const double MaxModuleWidth = 1.5;

    private static readonly Lock FontsLock = new();

    public static byte[] Render(ShippingLabel label)
    {
        EnsureFonts();
        using var document = new PdfDocument();
        document.Info.Title = $"Shipping label {label.TrackingNumber}";
        document.Info.Creator = "Store";
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            Draw(gfx, label);
        }

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>The Code 128 modules of a value, left to right, true for a dark bar (quiet zones not included).</summary>
    public static bool[] Code128Modules(string value) => new Code128Writer().encode(value);

    private static void Draw(XGraphics gfx, ShippingLabel label)
    {
        var small = new XFont("Label", 7.5);
        var normal = new XFont("Label", 9);
        var heading = new XFont("Label", 8, XFontStyleEx.Bold);
        var large = new XFont("Label", 12, XFontStyleEx.Bold);
        var huge = new XFont("Label", 18, XFontStyleEx.Bold);
        var pen = new XPen(XColors.Black, 1);
        var right = PageWidth - Margin;

        gfx.DrawRectangle(pen, Margin / 2, Margin / 2, PageWidth - Margin, PageHeight - Margin);

        var y = Margin + 8;
        gfx.DrawString("FROM", heading, XBrushes.Black, Margin, y);
        foreach (var line in label.Sender)
        {
            y += 9;
            gfx.DrawString(Fit(line, 60), small, XBrushes.Black, Margin, y);
        }

        y += 8;
        gfx.DrawLine(pen, Margin / 2, y, PageWidth - (Margin / 2), y);
        y += 22;
        gfx.DrawString(Fit(label.Carrier.ToUpperInvariant(), 20), huge, XBrushes.Black, Margin, y);
        y += 16;
        gfx.DrawString(Fit(label.Service, 36), large, XBrushes.Black, Margin, y);
        y += 8;
        gfx.DrawLine(pen, Margin / 2, y, PageWidth - (Margin / 2), y);

        y += 16;
        gfx.DrawString("SHIP TO", heading, XBrushes.Black, Margin, y);
        var first = true;
        foreach (var line in label.Recipient)
        {
            y += first ? 16 : 14;
            gfx.DrawString(Fit(line, first ? 34 : 40), first ? large : normal, XBrushes.Black, Margin + 8, y);
            first = false;
        }

        y += 12;
        gfx.DrawLine(pen, Margin / 2, y, PageWidth - (Margin / 2), y);
        y += 14;
        gfx.DrawString($"Weight: {Weight(label.WeightGrams)}", normal, XBrushes.Black, Margin, y);
        gfx.DrawString($"Order #{label.OrderNumber}", normal, XBrushes.Black, new XRect(Margin, y - 9, right - Margin, 12), XStringFormats.TopRight);
        y += 13;
        gfx.DrawString($"Date: {label.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", normal, XBrushes.Black, Margin, y);
        y += 8;
        gfx.DrawLine(pen, Margin / 2, y, PageWidth - (Margin / 2), y);

        y += 10;
        gfx.DrawString("TRACKING #", heading, XBrushes.Black, Margin, y);
        y += 8;
        DrawBarcode(gfx, label.TrackingNumber, y);
        y += BarHeight + 14;
        gfx.DrawString(label.TrackingNumber, large, XBrushes.Black, new XRect(Margin, y - 11, PageWidth - (2 * Margin), 14), XStringFormats.TopCenter);
    }

    private static void DrawBarcode(XGraphics gfx, string value, double top)
    {
        var modules = Code128Modules(value);

        // At least ten modules of white either side (Code 128's quiet zone), inside the label's margins.
        var available = PageWidth - (2 * Margin);
        var module = Math.Min(MaxModuleWidth, available / (modules.Length + 20));
        var left = (PageWidth - (modules.Length * module)) / 2;
        var i = 0;
        while (i < modules.Length)
        {
            if (!modules[i])
            {
                i++;
                continue;
            }

            var start = i;
            while (i < modules.Length && modules[i])
            {
                i++;
            }

            gfx.DrawRectangle(XBrushes.Black, left + (start * module), top, (i - start) * module, BarHeight);
        }
    }

    private static string Weight(long grams) =>
        grams >= 1000
            ? $"{(grams / 1000m).ToString("0.###", CultureInfo.InvariantCulture)} kg ({grams} g)"
            : $"{grams} g";

    private static string Fit(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static void EnsureFonts()
    {
        lock (FontsLock)
        {
            GlobalFontSettings.FontResolver ??= new LabelFontResolver();
        }
    }
}
