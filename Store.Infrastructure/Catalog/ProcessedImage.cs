using Store.Domain.Catalog;

namespace Store.Infrastructure.Catalog;

/// <summary>One encoded copy of an uploaded picture, ready to be written under its content-hashed name.</summary>
public sealed record ImageCopy(int Width, int Height, ImageFormat Format, byte[] Bytes);

/// <summary>An upload that passed every check, with all its copies made (nothing is written yet).</summary>
public sealed record ProcessedImage(string Hash, ImageFormat Format, int Width, int Height, int[] Widths, long ByteSize, IReadOnlyList<ImageCopy> Copies);
