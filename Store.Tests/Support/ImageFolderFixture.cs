namespace Store.Tests.Support;

/// <summary>A test class's own database and its own, initially empty, picture folder (removed afterwards).</summary>
public class ImageFolderFixture : DatabaseFixture
{
    public string ImageRoot { get; } = Path.Combine(Path.GetTempPath(), "store-images-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Every file under the picture folder, as paths relative to it.</summary>
    public IReadOnlyList<string> Files() =>
        Directory.Exists(ImageRoot)
            ? Directory.GetFiles(ImageRoot, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(ImageRoot, f)).Order().ToList()
            : [];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(ImageRoot))
        {
            Directory.Delete(ImageRoot, recursive: true);
        }
    }

    protected override Task<IReadOnlyDictionary<string, string?>?> SettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>?>(new Dictionary<string, string?> { ["Store:Images:Root"] = ImageRoot });
}
