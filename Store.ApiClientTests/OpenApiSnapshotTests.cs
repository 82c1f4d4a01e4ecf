using System.Text.Json.Nodes;
using Store.Tests.Support;

namespace Store.ApiClientTests;

/// <summary>
/// The client is generated from openapi/v1.json, so that file must be what the store serves: a change to the API
/// fails here until the document is refreshed (scripts/openapi.sh), and then the client is regenerated from it.
/// </summary>
public class OpenApiSnapshotTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    public const string UpdateVariable = "STORE_UPDATE_OPENAPI";

    [Fact]
    public async Task Snapshot_WhenComparedWithWhatTheStoreServes_IsTheSame()
    {
        var served = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        var path = SnapshotPath();
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, served.ReplaceLineEndings("\n").TrimEnd() + "\n");
        }

        var snapshot = File.Exists(path) ? await File.ReadAllTextAsync(path) : "{}";

        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(served), JsonNode.Parse(snapshot)),
            $"openapi/v1.json differs from what the store serves at /openapi/v1.json: run scripts/openapi.sh and commit the document.");
    }

    public static string SnapshotPath()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Store.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("Store.sln not found above the test's folder."), "openapi", "v1.json");
    }
}
