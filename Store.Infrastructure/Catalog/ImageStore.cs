using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Domain.Catalog;

namespace Store.Infrastructure.Catalog;

/// <summary>A served picture file: where it is on disk and what it is.</summary>
public sealed record ImageFile(string Path, string ContentType, DateTimeOffset LastModified);

/// <summary>
/// The files of product pictures under <see cref="ImageOptions.Root"/>, in one folder per first two hex digits of the
/// hash (so no folder grows to hundreds of thousands of entries). A file is written once, under a temporary name
/// first and then moved into place, so a reader never sees half a file; an existing file is never overwritten.
/// </summary>
public sealed partial class ImageStore(IOptions<ImageOptions> options, ILogger<ImageStore> logger)
{
    public string Root => options.Value.Root;

    /// <summary>Writes the copy unless a file of that name exists; returns the path when this call created it.</summary>
    public async Task<string?> WriteIfMissingAsync(string hash, ImageCopy copy, CancellationToken ct)
    {
        var path = PathOf(ProductPicture.FileName(hash, copy.Width, copy.Format));
        if (File.Exists(path))
        {
            return null;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temp, copy.Bytes, ct);
            File.Move(temp, path, overwrite: false);
            return path;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another upload of the same picture moved its copy into place first: the bytes are the same.
            return null;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>The file behind a /media/ name, or null when the name is malformed or nothing is stored under it.</summary>
    public ImageFile? Find(string fileName)
    {
        var match = FileNamePattern().Match(fileName);
        if (!match.Success || ImageFormats.FromExtension(match.Groups["ext"].Value) is not { } format)
        {
            return null;
        }

        var info = new FileInfo(PathOf(fileName));
        return info.Exists ? new ImageFile(info.FullName, ImageFormats.ContentType(format), info.LastWriteTimeUtc) : null;
    }

    /// <summary>Every stored copy of one picture.</summary>
    public IReadOnlyList<string> FilesOf(string hash)
    {
        var folder = Path.Combine(Root, hash[..2]);
        return Directory.Exists(folder) ? Directory.GetFiles(folder, hash + "-*") : [];
    }

    /// <summary>Removes files; a file that cannot be removed is logged and left (an orphan costs only disk space).</summary>
    public void Delete(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(e, "Could not delete the picture file {Path}", path);
            }
        }
    }

    private string PathOf(string fileName) => Path.Combine(Root, fileName[..2], fileName);

    [GeneratedRegex("^[0-9a-f]{32}-[0-9]{1,5}\\.(?<ext>jpg|png|webp)$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
