#:package SkiaSharp
#:package SkiaSharp.NativeAssets.Linux.NoDependencies

// Draws the installable storefront's icons (wwwroot/icons) from the favicon's shape: run once after changing the
// design with `dotnet run scripts/pwa-icons.cs` from the repository root, and commit the PNG files it writes.
// "any" icons are the favicon's rounded square; "maskable" ones fill the square and keep the mountain inside the
// central 80 % circle that launchers may crop to (https://w3c.github.io/manifest/#icon-masks).
using SkiaSharp;

var brand = SKColor.Parse("#1f3b2d");
var folder = Path.Combine("wwwroot", "icons");
Directory.CreateDirectory(folder);
foreach (var size in new[] { 192, 512 })
{
    Write(Path.Combine(folder, $"icon-{size}.png"), size, maskable: false);
    Write(Path.Combine(folder, $"icon-maskable-{size}.png"), size, maskable: true);
}

void Write(string path, int size, bool maskable)
{
    using var surface = SKSurface.Create(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
    var canvas = surface.Canvas;
    canvas.Clear(SKColors.Transparent);
    using var fill = new SKPaint { Color = brand, IsAntialias = true };
    if (maskable)
    {
        canvas.DrawRect(0, 0, size, size, fill);
    }
    else
    {
        var corner = size * 6f / 32f;
        canvas.DrawRoundRect(0, 0, size, size, corner, corner, fill);
    }

    // The favicon's mountain, on its 32-unit grid; a maskable icon draws it at 70 % around the centre.
    var scale = size / 32f * (maskable ? 0.7f : 1f);
    var offset = (size - 32f * scale) / 2f;
    using var mountain = new SKPath();
    SKPoint At(float x, float y) => new(offset + x * scale, offset + y * scale);
    mountain.MoveTo(At(6, 24));
    mountain.LineTo(At(14, 10));
    mountain.LineTo(At(19, 18));
    mountain.LineTo(At(22, 14));
    mountain.LineTo(At(26, 24));
    mountain.Close();
    using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
    canvas.DrawPath(mountain, white);

    using var image = surface.Snapshot();
    using var png = image.Encode(SKEncodedImageFormat.Png, 100);
    using var file = File.Create(path);
    png.SaveTo(file);
    Console.WriteLine($"{path}: {size}×{size}");
}
