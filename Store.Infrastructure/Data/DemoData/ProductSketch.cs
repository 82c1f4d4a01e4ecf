using SkiaSharp;

namespace Store.Infrastructure.Data.DemoData;

/// <summary>What a demo picture shows: the kind of product, its colour and a trim colour.</summary>
public sealed record SketchSpec(SketchKind Kind, SKColor Colour, SKColor Trim);

public enum SketchKind
{
    Tee, PocketTee, LongSleeveTee, Henley, GraphicTee,
    Hoodie, ZipHoodie, Pullover, FleeceHoodie, Sweatshirt,
    RainJacket, Puffer, Windbreaker, Softshell, Parka,
    TrailRunner, HikingBoot, CampShoe, Sneaker, Sandal,
    Daypack, Tote, Duffel, SlingBag, RollTopPack,
    Tent, SleepingBag, CampStove, Lantern, CampChair,
    Mug, WaterBottle, FrenchPress, Skillet, TravelCup,
    Beanie, Cap, Socks, Gloves, Scarf,
    Parcel,
}

/// <summary>
/// Flat studio drawings of the demo catalog's products with SkiaSharp: the product's outline in its colour on a soft
/// backdrop with a floor shadow, seams and trims in a darker shade. Vector paths on a 1000-unit square, so a copy is
/// drawn sharp at each served width instead of being scaled down from a large bitmap.
/// </summary>
public static class ProductSketch
{
    private static readonly SKColor Backdrop = new(0xF4, 0xF1, 0xEA);
    private static readonly SKColor BackdropEdge = new(0xE6, 0xE1, 0xD6);
    private static readonly SKColor Steel = new(0x9A, 0xA3, 0xAB);
    private static readonly SKColor Rubber = new(0x3A, 0x36, 0x33);
    private static readonly SKColor Sole = new(0xF2, 0xEF, 0xE8);

    /// <summary>The kind of product a demo name describes, by its last words ("Alpine Long Sleeve Tee").</summary>
    public static SketchKind KindOf(string name)
    {
        var n = name.ToLowerInvariant();
        (string Words, SketchKind Kind)[] byWords =
        [
            ("long sleeve tee", SketchKind.LongSleeveTee), ("pocket tee", SketchKind.PocketTee), ("graphic tee", SketchKind.GraphicTee),
            ("henley", SketchKind.Henley), ("zip hoodie", SketchKind.ZipHoodie), ("fleece hoodie", SketchKind.FleeceHoodie),
            ("hoodie", SketchKind.Hoodie), ("pullover", SketchKind.Pullover), ("sweatshirt", SketchKind.Sweatshirt),
            ("rain jacket", SketchKind.RainJacket), ("puffer", SketchKind.Puffer), ("windbreaker", SketchKind.Windbreaker),
            ("softshell", SketchKind.Softshell), ("parka", SketchKind.Parka), ("jacket", SketchKind.RainJacket),
            ("trail runner", SketchKind.TrailRunner), ("boot", SketchKind.HikingBoot), ("camp shoe", SketchKind.CampShoe),
            ("sneaker", SketchKind.Sneaker), ("sandal", SketchKind.Sandal), ("shoe", SketchKind.Sneaker),
            ("daypack", SketchKind.Daypack), ("roll-top", SketchKind.RollTopPack), ("backpack", SketchKind.Daypack), ("tote", SketchKind.Tote),
            ("duffel", SketchKind.Duffel), ("sling", SketchKind.SlingBag), ("bag", SketchKind.Tote),
            ("tent", SketchKind.Tent), ("sleeping bag", SketchKind.SleepingBag), ("stove", SketchKind.CampStove),
            ("lantern", SketchKind.Lantern), ("chair", SketchKind.CampChair), ("mug", SketchKind.Mug),
            ("bottle", SketchKind.WaterBottle), ("french press", SketchKind.FrenchPress), ("skillet", SketchKind.Skillet),
            ("travel cup", SketchKind.TravelCup), ("cup", SketchKind.TravelCup), ("beanie", SketchKind.Beanie), ("cap", SketchKind.Cap),
            ("sock", SketchKind.Socks), ("glove", SketchKind.Gloves), ("scarf", SketchKind.Scarf), ("tee", SketchKind.Tee),
        ];
        return byWords.FirstOrDefault(w => n.Contains(w.Words, StringComparison.Ordinal)) is { Words: not null } hit ? hit.Kind : SketchKind.Parcel;
    }

    /// <summary>A named colour of the demo catalog; other names get a muted colour of their own (never random).</summary>
    public static SKColor ColourOf(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "black" => new SKColor(0x2E, 0x2F, 0x33),
        "white" => new SKColor(0xF7, 0xF6, 0xF2),
        "sage" => new SKColor(0x9C, 0xAE, 0x8F),
        "charcoal" => new SKColor(0x48, 0x4B, 0x52),
        "navy" => new SKColor(0x26, 0x36, 0x5A),
        "olive" => new SKColor(0x6E, 0x6C, 0x3A),
        "brown" => new SKColor(0x7A, 0x52, 0x34),
        "grey" or "gray" => new SKColor(0x8E, 0x92, 0x98),
        "sand" => new SKColor(0xD8, 0xC4, 0x9C),
        "forest" => new SKColor(0x2F, 0x5A, 0x3C),
        "orange" => new SKColor(0xE0, 0x7A, 0x2E),
        "green" => new SKColor(0x4F, 0x8A, 0x4A),
        "steel" => new SKColor(0xAA, 0xB3, 0xBB),
        "slate" => new SKColor(0x5A, 0x6A, 0x78),
        "cream" => new SKColor(0xEF, 0xE6, 0xCF),
        "rust" => new SKColor(0xB0, 0x53, 0x2B),
        "heather" => new SKColor(0x9A, 0x93, 0xA6),
        "red" => new SKColor(0xB8, 0x32, 0x32),
        "blue" => new SKColor(0x2F, 0x5E, 0x9E),
        "yellow" => new SKColor(0xE2, 0xB8, 0x3A),
        null or "" => new SKColor(0x6F, 0x7D, 0x74),
        var other => SKColor.FromHsl(StableHash(other) % 360, 35, 50),
    };

    /// <summary>A trim colour that stands out from <paramref name="colour"/>, the same for every product of a kind.</summary>
    public static SKColor TrimFor(SketchKind kind, SKColor colour)
    {
        SKColor[] trims = [new(0xD9, 0xA4, 0x41), new(0xB0, 0x53, 0x2B), new(0x3F, 0x7F, 0x86), new(0xEF, 0xE6, 0xCF)];
        var pick = (int)kind % trims.Length;
        return Distance(trims[pick], colour) < 90 ? trims[(pick + 1) % trims.Length] : trims[pick];
    }

    /// <summary>Draws the picture <paramref name="size"/> pixels square.</summary>
    public static void Draw(SKCanvas canvas, int size, SketchSpec spec)
    {
        canvas.Save();
        canvas.Scale(size / 1000f);
        using (var backdrop = new SKPaint { IsAntialias = true })
        {
            backdrop.Shader = SKShader.CreateRadialGradient(new SKPoint(500, 420), 760, [Backdrop, BackdropEdge], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, 1000, 1000, backdrop);
        }

        // A soft floor shadow from a gradient: a blur filter costs more than the whole drawing.
        using (var shadow = new SKPaint { IsAntialias = true })
        {
            shadow.Shader = SKShader.CreateRadialGradient(new SKPoint(500, 880), 290, [new SKColor(0, 0, 0, 46), new SKColor(0, 0, 0, 0)], SKShaderTileMode.Clamp);
            canvas.Save();
            canvas.Scale(1, 0.1f, 500, 880);
            canvas.DrawCircle(500, 880, 290, shadow);
            canvas.Restore();
        }

        var pen = new Pen(canvas, spec.Colour, spec.Trim);
        Shapes[spec.Kind](pen);
        canvas.Restore();
    }

    /// <summary>Encodes a drawing <paramref name="size"/> pixels square.</summary>
    public static byte[] Render(SketchSpec spec, int size, SKEncodedImageFormat format, int quality)
    {
        using var surface = SKSurface.Create(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb()));
        Draw(surface.Canvas, size, spec);
        using var image = surface.Snapshot();
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash & 0x7fffffff;
    }

    private static int Distance(SKColor a, SKColor b) => Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue);

    private static readonly Dictionary<SketchKind, Action<Pen>> Shapes = new()
    {
        [SketchKind.Tee] = p => Tee(p, longSleeves: false),
        [SketchKind.PocketTee] = p =>
        {
            Tee(p, longSleeves: false);
            p.Shape(Pen.Rect(560, 380, 650, 480, 8), p.Shade(-0.06f));
        },
        [SketchKind.LongSleeveTee] = p => Tee(p, longSleeves: true),
        [SketchKind.Henley] = p =>
        {
            Tee(p, longSleeves: true);
            p.Line(500, 262, 500, 400);
            foreach (var y in new[] { 295, 335, 375 })
            {
                p.Dot(515, y, 9, p.Trim);
            }
        },
        [SketchKind.GraphicTee] = p =>
        {
            Tee(p, longSleeves: false);
            p.Shape(Pen.Poly((380, 560), (450, 440), (495, 500), (545, 420), (625, 560)), p.Trim, outline: false);
            p.Dot(590, 420, 26, p.Trim);
        },
        [SketchKind.Hoodie] = p => Hoodie(p, zip: false, pocket: true),
        [SketchKind.ZipHoodie] = p => Hoodie(p, zip: true, pocket: true),
        [SketchKind.FleeceHoodie] = p =>
        {
            Hoodie(p, zip: false, pocket: false);
            p.Line(500, 270, 500, 470, p.Trim, 10);
            p.Shape(Pen.Rect(330, 520, 670, 640, 30), p.Shade(-0.05f));
        },
        [SketchKind.Pullover] = p =>
        {
            Sweater(p);
            p.Shape(Pen.Poly((440, 212), (560, 212), (530, 330), (470, 330)), p.Shade(-0.08f));
            p.Line(500, 240, 500, 320, p.Trim, 8);
        },
        [SketchKind.Sweatshirt] = p =>
        {
            Sweater(p);
            p.Line(480, 215, 500, 250, p.Outline, 6);
            p.Line(520, 215, 500, 250, p.Outline, 6);
        },
        [SketchKind.RainJacket] = p =>
        {
            Jacket(p, length: 840);
            p.Shape(HoodPath(), p.Colour);
            p.Zip(500, 250, 830);
            p.Line(330, 560, 380, 680);
            p.Line(670, 560, 620, 680);
            p.Shape(Pen.Rect(540, 330, 660, 360, 8), p.Shade(-0.1f), outline: false);
        },
        [SketchKind.Puffer] = p =>
        {
            Jacket(p, length: 800);
            foreach (var y in new[] { 330, 420, 510, 600, 690 })
            {
                p.Curve(300, y, 500, y + 26, 700, y);
            }

            p.Shape(Pen.Rect(420, 185, 580, 250, 20), p.Shade(-0.06f));
            p.Zip(500, 250, 790);
        },
        [SketchKind.Windbreaker] = p =>
        {
            Jacket(p, length: 800);
            p.Shape(Pen.Poly((290, 360), (710, 360), (710, 450), (290, 450)), p.Trim, outline: false);
            p.Shape(HoodPath(), p.Colour);
            p.Zip(500, 250, 790);
        },
        [SketchKind.Softshell] = p =>
        {
            Jacket(p, length: 810);
            p.Shape(Pen.Rect(410, 170, 590, 260, 18), p.Shade(-0.06f));
            p.Zip(500, 190, 800);
            p.Line(560, 330, 650, 380, p.Trim, 8);
        },
        [SketchKind.Parka] = p =>
        {
            Jacket(p, length: 900);
            p.Shape(HoodPath(), p.Colour);
            using (var fur = Pen.Rect(390, 170, 610, 250, 60))
            {
                p.Shape(fur, new SKColor(0xE9, 0xDF, 0xCB));
            }

            p.Zip(500, 260, 890);
            p.Shape(Pen.Rect(320, 560, 440, 660, 10), p.Shade(-0.06f));
            p.Shape(Pen.Rect(560, 560, 680, 660, 10), p.Shade(-0.06f));
        },
        [SketchKind.TrailRunner] = p => Shoe(p, high: false, lugs: true, sole: Rubber),
        [SketchKind.HikingBoot] = p => Shoe(p, high: true, lugs: true, sole: Rubber),
        [SketchKind.Sneaker] = p => Shoe(p, high: false, lugs: false, sole: Sole),
        [SketchKind.CampShoe] = p =>
        {
            p.Shape(Pen.Path("M 170 700 C 170 520 330 470 520 490 C 700 505 840 560 850 690 L 850 760 L 170 760 Z"), p.Colour);
            p.Shape(Pen.Rect(150, 740, 870, 800, 24), Rubber);
            foreach (var x in new[] { 560, 630, 700, 760 })
            {
                p.Dot(x, 590 + ((x - 560) / 4), 14, p.Shade(-0.25f));
            }

            p.Curve(330, 560, 280, 640, 330, 700, p.Trim, 12);
        },
        [SketchKind.Sandal] = p =>
        {
            p.Shape(Pen.Path("M 160 720 C 160 680 220 660 320 660 L 760 650 C 840 650 870 690 860 730 C 850 770 800 780 760 780 L 260 790 C 190 790 160 760 160 720 Z"), Rubber);
            p.Shape(Pen.Path("M 200 700 L 780 688 L 790 716 L 205 728 Z"), p.Shade(0.35f), outline: false);
            p.Shape(Pen.Path("M 420 690 C 430 560 560 540 620 680 L 580 686 C 545 600 470 610 460 690 Z"), p.Colour);
            p.Shape(Pen.Path("M 240 700 C 250 590 330 580 340 695 L 305 697 C 300 630 275 630 272 700 Z"), p.Colour);
            p.Line(300, 610, 540, 600, p.Colour, 30);
        },
        [SketchKind.Daypack] = p => Pack(p, rollTop: false),
        [SketchKind.RollTopPack] = p => Pack(p, rollTop: true),
        [SketchKind.Tote] = p =>
        {
            p.Stroke(Pen.Path("M 390 420 C 390 220 610 220 610 420"), p.Shade(-0.25f), 26);
            p.Shape(Pen.Path("M 260 420 L 740 420 L 700 850 L 300 850 Z"), p.Colour);
            p.Shape(Pen.Poly((268, 470), (732, 470), (728, 510), (272, 510)), p.Trim, outline: false);
        },
        [SketchKind.Duffel] = p =>
        {
            p.Stroke(Pen.Path("M 400 470 C 400 360 600 360 600 470"), p.Shade(-0.25f), 26);
            p.Shape(Pen.Rect(170, 460, 830, 820, 170), p.Colour);
            p.Shape(Pen.Rect(170, 460, 260, 820, 80), p.Shade(-0.1f));
            p.Shape(Pen.Rect(740, 460, 830, 820, 80), p.Shade(-0.1f));
            p.Zip(260, 500, 740, horizontal: true);
            p.Line(300, 640, 700, 640, p.Trim, 16);
        },
        [SketchKind.SlingBag] = p =>
        {
            p.Stroke(Pen.Path("M 300 560 C 300 250 640 180 760 330"), p.Shade(-0.25f), 30);
            p.Shape(Pen.Path("M 230 560 C 230 440 360 400 520 430 C 700 460 800 540 790 650 C 780 760 640 800 470 780 C 300 760 230 680 230 560 Z"), p.Colour);
            p.Curve(290, 540, 520, 490, 740, 580);
            p.Shape(Pen.Rect(440, 610, 620, 700, 20), p.Shade(-0.08f));
            p.Dot(760, 330, 24, p.Trim);
        },
        [SketchKind.Tent] = p =>
        {
            p.Shape(Pen.Path("M 120 820 C 200 420 380 300 500 300 C 620 300 800 420 880 820 Z"), p.Colour);
            p.Shape(Pen.Path("M 380 820 C 420 600 470 520 500 520 C 530 520 580 600 620 820 Z"), p.Shade(-0.3f));
            p.Curve(170, 700, 500, 260, 830, 700, p.Shade(-0.3f), 8);
            p.Line(500, 300, 500, 520, p.Shade(-0.2f), 6);
            p.Line(120, 820, 60, 860, Steel, 5);
            p.Line(880, 820, 940, 860, Steel, 5);
        },
        [SketchKind.SleepingBag] = p =>
        {
            p.Shape(Pen.Path("M 500 130 C 640 130 700 230 690 330 L 650 820 C 645 870 600 890 500 890 C 400 890 355 870 350 820 L 310 330 C 300 230 360 130 500 130 Z"), p.Colour);
            p.Shape(Pen.Path("M 500 170 C 590 170 630 230 620 300 C 610 350 390 350 380 300 C 370 230 410 170 500 170 Z"), p.Shade(-0.35f));
            foreach (var y in new[] { 420, 520, 620, 720, 810 })
            {
                p.Curve(330 + ((y - 400) / 25), y, 500, y + 20, 670 - ((y - 400) / 25), y);
            }

            p.Line(620, 330, 600, 800, p.Trim, 8);
        },
        [SketchKind.CampStove] = p =>
        {
            p.Shape(Pen.Rect(360, 560, 640, 860, 60), p.Colour);
            p.Shape(Pen.Rect(380, 620, 620, 700, 10), p.Trim, outline: false);
            p.Shape(Pen.Rect(440, 480, 560, 570, 12), Steel);
            p.Shape(Pen.Rect(400, 450, 600, 490, 16), Steel);
            foreach (var (x1, x2) in new[] { (330, 420), (670, 580) })
            {
                p.Line(x1, 400, x2, 470, Steel, 14);
            }

            p.Shape(Pen.Path("M 500 300 C 540 350 560 380 540 420 C 530 440 470 440 460 420 C 440 380 470 350 500 300 Z"), new SKColor(0x5B, 0x8D, 0xD9), outline: false);
        },
        [SketchKind.Lantern] = p =>
        {
            p.Stroke(Pen.Path("M 400 250 C 400 130 600 130 600 250"), Rubber, 14);
            p.Shape(Pen.Rect(380, 240, 620, 300, 20), p.Colour);
            p.Shape(Pen.Rect(400, 300, 600, 660, 30), new SKColor(0xFF, 0xF1, 0xB8));
            p.Dot(500, 480, 70, new SKColor(0xFF, 0xD8, 0x5C));
            p.Line(450, 300, 450, 660, p.Shade(-0.2f), 6);
            p.Line(550, 300, 550, 660, p.Shade(-0.2f), 6);
            p.Shape(Pen.Rect(360, 650, 640, 860, 30), p.Colour);
            p.Shape(Pen.Rect(470, 720, 530, 760, 8), p.Trim, outline: false);
        },
        [SketchKind.CampChair] = p =>
        {
            p.Line(300, 860, 680, 560, Rubber, 16);
            p.Line(700, 860, 320, 560, Rubber, 16);
            p.Shape(Pen.Path("M 280 300 L 720 300 L 700 600 L 300 600 Z"), p.Colour);
            p.Shape(Pen.Path("M 260 560 L 740 560 L 720 680 L 280 680 Z"), p.Shade(-0.12f));
            p.Line(280, 300, 300, 600, Rubber, 14);
            p.Line(720, 300, 700, 600, Rubber, 14);
            p.Shape(Pen.Rect(230, 500, 330, 530, 10), Rubber, outline: false);
            p.Shape(Pen.Rect(670, 500, 770, 530, 10), Rubber, outline: false);
        },
        [SketchKind.Mug] = p =>
        {
            p.Stroke(Pen.Path("M 660 430 C 820 420 820 680 650 670"), p.Colour, 44);
            p.Shape(Pen.Path("M 270 330 L 670 330 L 660 800 C 660 830 640 850 610 850 L 330 850 C 300 850 280 830 280 800 Z"), p.Colour);
            p.Shape(Pen.Oval(270, 300, 670, 360), p.Shade(-0.35f));
            p.Line(300, 470, 640, 470, p.Trim, 14);
        },
        [SketchKind.WaterBottle] = p =>
        {
            p.Shape(Pen.Rect(440, 140, 560, 230, 20), Rubber);
            p.Shape(Pen.Path("M 440 230 L 560 230 L 560 270 C 650 300 660 340 660 400 L 660 820 C 660 860 630 880 590 880 L 410 880 C 370 880 340 860 340 820 L 340 400 C 340 340 350 300 440 270 Z"), p.Colour);
            p.Shape(Pen.Rect(360, 500, 640, 640, 8), p.Trim, outline: false);
            p.Line(390, 420, 390, 800, p.Shade(0.3f), 14);
        },
        [SketchKind.FrenchPress] = p =>
        {
            p.Line(500, 160, 500, 280, Steel, 14);
            p.Dot(500, 150, 30, p.Colour);
            p.Shape(Pen.Rect(330, 270, 670, 320, 14), p.Colour);
            p.Shape(Pen.Rect(350, 320, 650, 800, 16), new SKColor(0xE7, 0xEE, 0xEE, 0xD0));
            p.Shape(Pen.Rect(356, 500, 644, 794, 10), new SKColor(0x5A, 0x39, 0x25), outline: false);
            p.Stroke(Pen.Path("M 650 380 C 790 390 790 700 650 710"), p.Colour, 36);
            p.Shape(Pen.Rect(330, 790, 670, 850, 14), p.Colour);
            p.Line(360, 410, 640, 410, Steel, 10);
        },
        [SketchKind.Skillet] = p =>
        {
            p.Shape(Pen.Rect(620, 540, 940, 600, 26), p.Shade(-0.15f));
            p.Shape(Pen.Oval(120, 420, 680, 760), p.Colour);
            p.Shape(Pen.Oval(170, 450, 630, 700), p.Shade(-0.25f));
            p.Dot(900, 570, 14, Backdrop);
        },
        [SketchKind.TravelCup] = p =>
        {
            p.Shape(Pen.Rect(330, 200, 670, 270, 24), Rubber);
            p.Shape(Pen.Rect(360, 170, 520, 210, 12), Rubber);
            p.Shape(Pen.Poly((340, 270), (660, 270), (610, 860), (390, 860)), p.Colour);
            p.Shape(Pen.Poly((330, 440), (670, 440), (655, 620), (345, 620)), p.Trim);
        },
        [SketchKind.Beanie] = p =>
        {
            p.Dot(500, 230, 70, p.Trim);
            p.Shape(Pen.Path("M 260 640 C 240 380 360 270 500 270 C 640 270 760 380 740 640 Z"), p.Colour);
            foreach (var x in new[] { 330, 400, 470, 540, 610, 680 })
            {
                p.Line(x, 420 - (Math.Abs(500 - x) / 4), x, 630, p.Shade(-0.15f), 6);
            }

            p.Shape(Pen.Rect(240, 610, 760, 780, 30), p.Shade(-0.08f));
        },
        [SketchKind.Cap] = p =>
        {
            p.Shape(Pen.Path("M 200 640 C 200 420 330 330 480 330 C 630 330 720 420 720 640 Z"), p.Colour);
            p.Shape(Pen.Path("M 600 640 C 700 600 860 610 900 650 C 880 700 720 700 600 690 Z"), p.Shade(-0.1f));
            p.Curve(470, 335, 430, 480, 430, 640);
            p.Dot(480, 330, 18, p.Trim);
            p.Shape(Pen.Rect(200, 620, 620, 690, 10), p.Shade(-0.12f));
        },
        [SketchKind.Socks] = p =>
        {
            p.Shape(Pen.Path("M 400 160 L 600 160 L 600 560 C 600 600 620 620 700 660 C 800 710 800 850 690 850 L 460 850 C 400 850 400 800 400 760 Z"), p.Colour);
            p.Shape(Pen.Rect(390, 160, 610, 290, 12), p.Shade(-0.1f));
            foreach (var x in new[] { 440, 480, 520, 560 })
            {
                p.Line(x, 170, x, 280, p.Shade(-0.3f), 5);
            }

            p.Shape(Pen.Path("M 640 630 C 740 660 800 720 790 780 C 785 840 740 850 690 850 L 620 850 C 660 780 660 700 640 630 Z"), p.Trim, outline: false);
            p.Shape(Pen.Path("M 400 640 C 470 640 520 600 540 560 L 600 560 C 600 620 560 700 400 720 Z"), p.Trim, outline: false);
        },
        [SketchKind.Gloves] = p =>
        {
            p.Shape(Pen.Path("M 340 560 C 280 520 250 440 290 410 C 330 380 370 430 390 470 L 390 300 C 390 250 450 250 450 300 L 450 240 C 450 190 510 190 510 240 L 510 260 C 510 210 570 210 570 260 L 570 310 C 570 270 630 270 630 320 L 630 600 C 630 660 600 700 560 720 L 400 720 C 370 680 350 620 340 560 Z"), p.Colour);
            p.Shape(Pen.Rect(390, 700, 580, 850, 20), p.Shade(-0.12f));
            foreach (var x in new[] { 430, 470, 510, 550 })
            {
                p.Line(x, 715, x, 835, p.Shade(-0.3f), 5);
            }

            p.Line(450, 300, 450, 480, p.Shade(-0.25f), 5);
            p.Line(510, 260, 510, 480, p.Shade(-0.25f), 5);
            p.Line(570, 310, 570, 480, p.Shade(-0.25f), 5);
        },
        [SketchKind.Scarf] = p =>
        {
            p.Shape(Pen.Path("M 330 200 C 420 170 580 170 670 200 L 640 320 C 560 300 440 300 360 320 Z"), p.Shade(-0.08f));
            p.Shape(Pen.Path("M 360 310 L 470 300 L 450 800 L 340 800 Z"), p.Colour);
            p.Shape(Pen.Path("M 530 300 L 640 310 L 680 740 L 570 750 Z"), p.Colour);
            foreach (var y in new[] { 420, 520, 620 })
            {
                p.Line(345, y, 465, y - 5, p.Trim, 14);
                p.Line(540, y - 5, 660, y + 5, p.Trim, 14);
            }

            foreach (var x in new[] { 350, 375, 400, 425, 445 })
            {
                p.Line(x, 800, x, 850, p.Colour, 6);
            }

            foreach (var x in new[] { 580, 605, 630, 655, 675 })
            {
                p.Line(x, 748, x + 4, 798, p.Colour, 6);
            }
        },
        [SketchKind.Parcel] = p =>
        {
            p.Shape(Pen.Poly((500, 260), (800, 380), (500, 500), (200, 380)), p.Shade(0.15f));
            p.Shape(Pen.Poly((200, 380), (500, 500), (500, 840), (200, 720)), p.Colour);
            p.Shape(Pen.Poly((500, 500), (800, 380), (800, 720), (500, 840)), p.Shade(-0.15f));
            p.Shape(Pen.Poly((340, 324), (650, 440), (650, 520), (340, 400)), p.Trim, outline: false);
        },
    };

    private static void Tee(Pen p, bool longSleeves)
    {
        var body = longSleeves
            ? "M 400 200 C 440 250 560 250 600 200 L 740 245 C 790 270 810 320 820 380 L 880 680 L 790 700 L 720 440 L 715 840 L 285 840 L 280 440 L 210 700 L 120 680 L 180 380 C 190 320 210 270 260 245 Z"
            : "M 400 200 C 440 250 560 250 600 200 L 740 245 C 790 270 830 330 870 420 L 760 470 L 720 410 L 715 840 L 285 840 L 280 410 L 240 470 L 130 420 C 170 330 210 270 260 245 Z";
        p.Shape(Pen.Path(body), p.Colour);
        p.Stroke(Pen.Path("M 400 200 C 440 262 560 262 600 200"), p.Shade(-0.2f), 16);
        if (!longSleeves)
        {
            p.Line(775, 445, 860, 405, p.Shade(-0.15f), 6);
            p.Line(225, 445, 140, 405, p.Shade(-0.15f), 6);
        }
    }

    private static void Sweater(Pen p)
    {
        Tee(p, longSleeves: true);
        p.Shape(Pen.Rect(285, 780, 715, 845, 10), p.Shade(-0.1f));
        p.Shape(Pen.Poly((792, 660), (875, 640), (888, 690), (800, 710)), p.Shade(-0.1f));
        p.Shape(Pen.Poly((208, 660), (125, 640), (112, 690), (200, 710)), p.Shade(-0.1f));
    }

    private static void Hoodie(Pen p, bool zip, bool pocket)
    {
        p.Shape(HoodPath(), p.Shade(-0.06f));
        Sweater(p);
        p.Shape(Pen.Path("M 410 205 C 430 300 570 300 590 205 C 560 240 440 240 410 205 Z"), p.Shade(-0.3f), outline: false);
        if (pocket)
        {
            p.Shape(Pen.Path("M 360 620 L 400 520 L 600 520 L 640 620 Z"), p.Shade(-0.05f));
        }

        if (zip)
        {
            p.Zip(500, 240, 840);
        }
        else
        {
            p.Line(470, 250, 465, 380, p.Trim, 8);
            p.Line(530, 250, 535, 380, p.Trim, 8);
        }
    }

    private static SKPath HoodPath() =>
        Pen.Path("M 380 230 C 360 120 420 80 500 80 C 580 80 640 120 620 230 C 580 270 420 270 380 230 Z");

    private static void Jacket(Pen p, int length)
    {
        var body = $"M 400 190 C 440 230 560 230 600 190 L 745 240 C 800 265 820 320 830 390 L 890 720 L 795 740 L 725 450 L 725 {length} L 275 {length} L 275 450 L 205 740 L 110 720 L 170 390 C 180 320 200 265 255 240 Z";
        p.Shape(Pen.Path(body), p.Colour);
        p.Shape(Pen.Poly((795, 715), (888, 695), (896, 740), (800, 760)), p.Shade(-0.15f));
        p.Shape(Pen.Poly((205, 715), (112, 695), (104, 740), (200, 760)), p.Shade(-0.15f));
    }

    private static void Shoe(Pen p, bool high, bool lugs, SKColor sole)
    {
        var upper = high
            ? "M 230 720 L 250 330 C 255 300 280 290 310 290 L 460 290 C 490 290 500 310 500 340 L 510 470 C 600 500 760 540 820 600 C 860 640 860 700 840 720 Z"
            : "M 170 720 C 160 620 200 520 260 500 C 330 480 380 520 430 500 C 480 480 520 460 560 480 C 650 520 780 560 830 620 C 860 660 860 700 840 720 Z";
        p.Shape(Pen.Path(upper), p.Colour);
        p.Shape(Pen.Rect(high ? 210 : 150, 700, 870, 780, 36), sole);
        if (lugs)
        {
            for (var x = high ? 240 : 180; x < 850; x += 50)
            {
                p.Shape(Pen.Rect(x, 772, x + 30, 800, 6), sole, outline: false);
            }
        }

        var trim = p.Shade(-0.25f);
        if (high)
        {
            foreach (var y in new[] { 340, 390, 440, 490 })
            {
                p.Line(420, y, 520, y + 30, p.Trim, 10);
            }

            p.Shape(Pen.Rect(240, 300, 300, 360, 10), trim, outline: false);
            p.Shape(Pen.Path("M 620 560 C 700 570 790 600 830 650 L 840 700 L 620 700 Z"), trim, outline: false);
        }
        else
        {
            foreach (var x in new[] { 450, 500, 550 })
            {
                p.Line(x, 500 + ((x - 450) / 5), x + 40, 540 + ((x - 450) / 5), p.Trim, 9);
            }

            p.Curve(300, 640, 480, 560, 640, 660, p.Trim, 14);
            p.Shape(Pen.Path("M 170 720 C 165 640 190 580 230 560 L 260 720 Z"), trim, outline: false);
        }
    }

    private static void Pack(Pen p, bool rollTop)
    {
        p.Stroke(Pen.Path("M 320 330 C 220 420 230 700 300 820"), Rubber, 30);
        p.Stroke(Pen.Path("M 680 330 C 780 420 770 700 700 820"), Rubber, 30);
        if (rollTop)
        {
            p.Shape(Pen.Rect(310, 250, 690, 860, 60), p.Colour);
            p.Shape(Pen.Rect(290, 190, 710, 280, 40), p.Shade(-0.1f));
            p.Line(500, 280, 500, 420, Rubber, 20);
            p.Shape(Pen.Rect(470, 400, 530, 450, 8), p.Trim, outline: false);
        }
        else
        {
            p.Stroke(Pen.Path("M 450 230 C 450 170 550 170 550 230"), Rubber, 18);
            p.Shape(Pen.Path("M 300 380 C 300 260 380 220 500 220 C 620 220 700 260 700 380 L 700 800 C 700 840 670 860 630 860 L 370 860 C 330 860 300 840 300 800 Z"), p.Colour);
            p.Curve(320, 420, 500, 300, 680, 420);
        }

        p.Shape(Pen.Rect(370, 580, 630, 810, 40), p.Shade(-0.08f));
        p.Line(380, 620, 620, 620, p.Shade(-0.3f), 6);
        p.Shape(Pen.Rect(470, 500, 530, 520, 6), p.Trim, outline: false);
    }

    /// <summary>Fills and outlines shapes in one product's colours; owns nothing but the canvas it was given.</summary>
    private sealed class Pen(SKCanvas canvas, SKColor colour, SKColor trim)
    {
        public SKColor Colour { get; } = colour;

        public SKColor Trim { get; } = trim;

        /// <summary>Dark enough to outline the colour, white and cream included.</summary>
        public SKColor Outline => Shade(Luma(Colour) > 0.75f ? -0.45f : -0.4f);

        public static SKPath Path(string svg) => SKPath.ParseSvgPathData(svg) ?? throw new ArgumentException("Bad path data: " + svg, nameof(svg));

        public static SKPath Rect(float l, float t, float r, float b, float radius)
        {
            var path = new SKPath();
            path.AddRoundRect(new SKRoundRect(new SKRect(l, t, r, b), radius));
            return path;
        }

        public static SKPath Oval(float l, float t, float r, float b)
        {
            var path = new SKPath();
            path.AddOval(new SKRect(l, t, r, b));
            return path;
        }

        public static SKPath Poly(params (float X, float Y)[] points)
        {
            var path = new SKPath();
            path.AddPoly([.. points.Select(p => new SKPoint(p.X, p.Y))], close: true);
            return path;
        }

        /// <summary>Lighter (positive) or darker (negative) by a fraction, keeping the hue.</summary>
        public SKColor Shade(float amount)
        {
            byte Mix(byte c) => (byte)Math.Clamp(amount >= 0 ? c + ((255 - c) * amount) : c * (1 + amount), 0, 255);
            return new SKColor(Mix(Colour.Red), Mix(Colour.Green), Mix(Colour.Blue), Colour.Alpha);
        }

        public void Shape(SKPath path, SKColor fill, bool outline = true)
        {
            using (path)
            {
                using var paint = new SKPaint { IsAntialias = true, Color = fill, Style = SKPaintStyle.Fill };
                canvas.DrawPath(path, paint);
                if (outline)
                {
                    paint.Style = SKPaintStyle.Stroke;
                    paint.StrokeWidth = 7;
                    paint.StrokeJoin = SKStrokeJoin.Round;
                    paint.Color = Outline;
                    canvas.DrawPath(path, paint);
                }
            }
        }

        public void Stroke(SKPath path, SKColor colour, float width)
        {
            using (path)
            {
                using var paint = new SKPaint { IsAntialias = true, Color = colour, Style = SKPaintStyle.Stroke, StrokeWidth = width, StrokeCap = SKStrokeCap.Round };
                canvas.DrawPath(path, paint);
            }
        }

        public void Line(float x1, float y1, float x2, float y2, SKColor? colour = null, float width = 7)
        {
            using var paint = new SKPaint { IsAntialias = true, Color = colour ?? Outline, StrokeWidth = width, StrokeCap = SKStrokeCap.Round };
            canvas.DrawLine(x1, y1, x2, y2, paint);
        }

        public void Curve(float x1, float y1, float cx, float cy, float x2, float y2, SKColor? colour = null, float width = 7)
        {
            using var path = new SKPath();
            path.MoveTo(x1, y1);
            path.QuadTo(cx, cy, x2, y2);
            using var paint = new SKPaint { IsAntialias = true, Color = colour ?? Outline, Style = SKPaintStyle.Stroke, StrokeWidth = width, StrokeCap = SKStrokeCap.Round };
            canvas.DrawPath(path, paint);
        }

        public void Dot(float x, float y, float radius, SKColor colour)
        {
            using var paint = new SKPaint { IsAntialias = true, Color = colour };
            canvas.DrawCircle(x, y, radius, paint);
        }

        /// <summary>A zip: a seam with teeth and a pull at the top.</summary>
        public void Zip(float x, float from, float to, bool horizontal = false)
        {
            using var paint = new SKPaint { IsAntialias = true, Color = Outline, StrokeWidth = 6, StrokeCap = SKStrokeCap.Round };
            if (horizontal)
            {
                canvas.DrawLine(x, from, to, from, paint);
                paint.Color = Trim;
                canvas.DrawRect(x - 6, from - 6, 22, 34, paint);
                return;
            }

            canvas.DrawLine(x, from, x, to, paint);
            using var teeth = new SKPaint { IsAntialias = true, Color = Shade(-0.3f), StrokeWidth = 3, PathEffect = SKPathEffect.CreateDash([4, 8], 0) };
            canvas.DrawLine(x - 8, from, x - 8, to, teeth);
            canvas.DrawLine(x + 8, from, x + 8, to, teeth);
            paint.Color = Trim;
            canvas.DrawRoundRect(new SKRect(x - 10, from + 20, x + 10, from + 70), 6, 6, paint);
        }

        private static float Luma(SKColor c) => ((0.299f * c.Red) + (0.587f * c.Green) + (0.114f * c.Blue)) / 255f;
    }
}
