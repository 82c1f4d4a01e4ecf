using PdfSharp.Fonts;

namespace Store.Infrastructure.Shipping;

/// <summary>
/// PDFsharp's Core build finds no fonts on Linux by itself, and a store's container may have none installed, so the
/// label's one typeface (DejaVu Sans Mono, free to embed) ships inside this assembly. Every family resolves to it.
/// </summary>
internal sealed class LabelFontResolver : IFontResolver
{
    private const string Regular = "DejaVuSansMono";
    private const string Bold = "DejaVuSansMono-Bold";

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? Bold : Regular);

    public byte[] GetFont(string faceName)
    {
        using var stream = typeof(LabelFontResolver).Assembly.GetManifestResourceStream($"Store.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"The embedded font {faceName} is missing from the build.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
