using PdfSharp.Drawing;
using PdfSharp.Pdf;
using SkiaSharp;

namespace Store.Infrastructure.Shipping;

/// <summary>
/// A carrier's label image (UPS sends a GIF lying on its side) as a 4 × 6 inch PDF, so staff print every label the
/// same way. SkiaSharp decodes and turns the image upright; PDFsharp places it, scaled to fit the page, as a lossless
/// PNG so the barcodes stay sharp.
/// </summary>
public static class CarrierLabelPdf
{
    public static byte[] FromImage(byte[] image, string title)
    {
        using var decoded = SKBitmap.Decode(image) ?? throw new InvalidOperationException("The carrier's label image could not be read.");
        using var upright = decoded.Width > decoded.Height ? Rotate(decoded) : decoded.Copy();
        using var png = upright.Encode(SKEncodedImageFormat.Png, 100);

        using var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Creator = "Store";
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(ShippingLabelPdf.PageWidth);
        page.Height = XUnit.FromPoint(ShippingLabelPdf.PageHeight);
        using (var gfx = XGraphics.FromPdfPage(page))
        using (var stream = new MemoryStream(png.ToArray()))
        using (var picture = XImage.FromStream(stream))
        {
            var scale = Math.Min(ShippingLabelPdf.PageWidth / upright.Width, ShippingLabelPdf.PageHeight / upright.Height);
            var (width, height) = (upright.Width * scale, upright.Height * scale);
            gfx.DrawImage(picture, (ShippingLabelPdf.PageWidth - width) / 2, (ShippingLabelPdf.PageHeight - height) / 2, width, height);
        }

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static SKBitmap Rotate(SKBitmap source)
    {
        var rotated = new SKBitmap(source.Height, source.Width);
        using var canvas = new SKCanvas(rotated);
        canvas.Clear(SKColors.White);
        canvas.Translate(rotated.Width, 0);
        canvas.RotateDegrees(90);
        canvas.DrawBitmap(source, 0, 0);
        return rotated;
    }
}
