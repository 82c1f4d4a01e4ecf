namespace Store.E2E.Support;

/// <summary>Where things are on disk, found from the test assembly's own build output.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The folder that holds Store.sln.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The build configuration the tests were built in (Release or Debug), read from their own path.</summary>
    public static string Configuration
    {
        get
        {
            var parts = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            var bin = Array.LastIndexOf(parts, "bin");
            return bin >= 0 && bin + 1 < parts.Length ? parts[bin + 1] : "Release";
        }
    }

    /// <summary>The target framework folder the tests were built for (net10.0).</summary>
    public static string TargetFramework => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;

    public static string WebBinDirectory => Path.Combine(RepositoryRoot, "Store.Web", "bin", Configuration, TargetFramework);

    public static string WebAssembly => Path.Combine(WebBinDirectory, "Store.Web.dll");

    public static string ScreenshotDirectory => Path.Combine(RepositoryRoot, "Store.E2E", "bin", Configuration, "screenshots");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Store.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Store.sln was not found in {AppContext.BaseDirectory} or any folder above it.");
    }
}
