using Microsoft.EntityFrameworkCore;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;
using Store.Domain.Shipping;
using Store.Infrastructure.Data;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Shipping;
using Store.Tests.Support;
using ZXing;
using ZXing.Common;
using ZXing.OneD;

namespace Store.Tests.Features.Shipping;

public class ShippingLabelTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private const string Staff = "staff@store.local";

    /// <summary>
    /// What is decoded is the PDF itself: its page content is parsed, the filled rectangles (the bars; nothing else
    /// on the label is one) are read back, laid out as pixels with a quiet zone, and handed to ZXing's Code 128 reader.
    /// </summary>
    [Fact]
    public async Task PdfAsync_ForAFulfilledOrder_HasABarcodeThatDecodesToTheTrackingNumber()
    {
        var (_, order) = await PaidOrderScenario.PaidOrderAsync(db, skip: 3, quantity: 2);
        await using var scope = db.Scope();
        Assert.True((await db.Get<OrderAdminService>(scope).StartFulfilmentAsync(order.OrderId, Staff)).IsSuccess);
        var tracking = (await db.Get<OrderQueries>(scope).DetailAsync(order.OrderId))!.Shipment!.TrackingNumber;

        var pdf = await db.Get<ShippingLabelService>(scope).PdfAsync(order.OrderId);

        Assert.True(pdf.IsSuccess, pdf.Error?.Message);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf.Value, 0, 5));
        Assert.Equal(tracking, DecodeBarcode(pdf.Value));
    }

    [Fact]
    public async Task LabelAsync_ForAFulfilledOrder_HasSenderRecipientWeightAndTheChosenService()
    {
        var (variantId, order) = await PaidOrderScenario.PaidOrderAsync(db, skip: 4, quantity: 3);
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var unitGrams = await context.Variants.Where(v => v.Id == variantId).Select(v => v.WeightGrams).SingleAsync();
        var service = await context.Orders.Where(o => o.Id == order.OrderId).Select(o => o.ShippingService).SingleAsync();
        Assert.True((await db.Get<OrderAdminService>(scope).StartFulfilmentAsync(order.OrderId, Staff)).IsSuccess);

        var label = (await db.Get<ShippingLabelService>(scope).LabelAsync(order.OrderId)).Value;

        Assert.Equal(3L * unitGrams, label.WeightGrams);
        Assert.True(unitGrams > 0, "Demo variants have a weight.");
        Assert.Equal(service, $"{label.Carrier} {label.Service}");
        Assert.True(TrackingNumbers.IsWellFormed(label.TrackingNumber));
        Assert.Equal("Northwind Outfitters", label.Sender[0]);
        Assert.Equal(StoreScenario.Shopper().Name, label.Recipient[0]);
        Assert.Contains(label.Recipient, l => l.Contains("04101", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PdfAsync_BeforeFulfilment_IsNotFound()
    {
        var (_, order) = await PaidOrderScenario.PaidOrderAsync(db, skip: 5);
        await using var scope = db.Scope();

        var pdf = await db.Get<ShippingLabelService>(scope).PdfAsync(order.OrderId);

        Assert.Equal("shipment.none", pdf.Error!.Code);
    }

    private static string DecodeBarcode(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var content = ContentReader.ReadContent(document.Pages[0]);
        var bars = FilledRectangles(content).ToList();
        Assert.True(bars.Count > 20, $"Expected the barcode's bars in the PDF, found {bars.Count} filled rectangles.");
        Assert.Single(bars.Select(b => (Math.Round(b.Y, 2), Math.Round(b.Height, 2))).Distinct());

        // Back from points to modules: the narrowest bar is one module wide.
        var module = bars.Min(b => b.Width);
        var left = bars.Min(b => b.X);
        var modules = (int)Math.Round((bars.Max(b => b.X + b.Width) - left) / module);
        const int QuietZone = 10, PixelsPerModule = 3, Height = 40;
        var width = (modules + (2 * QuietZone)) * PixelsPerModule;
        var pixels = Enumerable.Repeat((byte)255, width * Height).ToArray();
        foreach (var bar in bars)
        {
            var start = (int)Math.Round((bar.X - left) / module);
            var length = (int)Math.Round(bar.Width / module);
            for (var row = 0; row < Height; row++)
            {
                for (var px = (QuietZone + start) * PixelsPerModule; px < (QuietZone + start + length) * PixelsPerModule; px++)
                {
                    pixels[(row * width) + px] = 0;
                }
            }
        }

        var source = new RGBLuminanceSource(pixels, width, Height, RGBLuminanceSource.BitmapFormat.Gray8);
        var result = new Code128Reader().decode(new BinaryBitmap(new HybridBinarizer(source)), new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = true });
        Assert.NotNull(result);
        return result.Text;
    }

    private static IEnumerable<(double X, double Y, double Width, double Height)> FilledRectangles(CSequence content)
    {
        (double X, double Y, double Width, double Height)? pending = null;
        foreach (var item in content)
        {
            if (item is not COperator op)
            {
                continue;
            }

            if (op.OpCode.OpCodeName == OpCodeName.re)
            {
                var v = op.Operands.Select(Number).ToArray();
                pending = (Math.Min(v[0], v[0] + v[2]), Math.Min(v[1], v[1] + v[3]), Math.Abs(v[2]), Math.Abs(v[3]));
                continue;
            }

            if (pending is { } rect && op.OpCode.OpCodeName is OpCodeName.f or OpCodeName.F or OpCodeName.fx)
            {
                yield return rect;
            }

            pending = null;
        }
    }

    private static double Number(CObject value) => value switch
    {
        CReal r => r.Value,
        CInteger i => i.Value,
        _ => throw new InvalidOperationException($"Not a number: {value}"),
    };
}
