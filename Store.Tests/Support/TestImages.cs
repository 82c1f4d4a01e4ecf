using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace Store.Tests.Support;

/// <summary>Real picture files made on the spot with SkiaSharp, plus the malformed ones the upload must refuse.</summary>
public static class TestImages
{
    public static byte[] Jpeg(int width, int height, byte seed = 1) => Draw(width, height, seed, SKEncodedImageFormat.Jpeg);

    public static byte[] Png(int width, int height, byte seed = 1) => Draw(width, height, seed, SKEncodedImageFormat.Png);

    public static byte[] Webp(int width, int height, byte seed = 1) => Draw(width, height, seed, SKEncodedImageFormat.Webp);

    /// <summary>
    /// A PNG whose header claims a <paramref name="width"/> × <paramref name="height"/> canvas over a few bytes of
    /// data: what a decompression bomb looks like before anyone decodes it.
    /// </summary>
    public static byte[] PngClaiming(int width, int height)
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;  // bit depth
        header[9] = 2;  // truecolour
        Chunk(stream, "IHDR", header);
        Chunk(stream, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk(stream, "IEND", []);
        return stream.ToArray();
    }

    /// <summary>The JPEG with an EXIF APP1 segment holding only the orientation tag (1–8), as cameras write it.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        var tiff = new byte[26];
        "MM\0*"u8.CopyTo(tiff);
        BinaryPrimitives.WriteInt32BigEndian(tiff.AsSpan(4), 8);          // first IFD right after the header
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(8), 1);         // one entry
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(10), 0x0112);   // Orientation
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(12), 3);        // SHORT
        BinaryPrimitives.WriteInt32BigEndian(tiff.AsSpan(14), 1);         // count
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(18), orientation);
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>The colour of one pixel of a decoded file (to tell which way up a picture was stored).</summary>
    public static SKColor PixelAt(byte[] file, int x, int y)
    {
        using var bitmap = SKBitmap.Decode(file);
        return bitmap.GetPixel(x, y);
    }

    public static (int Width, int Height, SKEncodedImageFormat Format) Inspect(byte[] file)
    {
        using var codec = SKCodec.Create(new MemoryStream(file));
        return (codec.Info.Width, codec.Info.Height, codec.EncodedFormat);
    }

    /// <summary>A gradient with a red block in the top-left quarter, so orientation and scaling can be checked.</summary>
    private static byte[] Draw(int width, int height, byte seed, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var gradient = new SKPaint
            {
                Shader = SKShader.CreateLinearGradient(
                    new SKPoint(0, 0),
                    new SKPoint(width, height),
                    [new SKColor(seed, 90, 200), new SKColor(40, (byte)(seed * 7), 60)],
                    SKShaderTileMode.Clamp),
            };
            canvas.DrawRect(0, 0, width, height, gradient);
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, width / 2f, height / 2f, red);
        }

        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        stream.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
