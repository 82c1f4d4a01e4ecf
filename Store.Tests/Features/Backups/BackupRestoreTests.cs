using System.Diagnostics;
using Npgsql;
using Store.Tests.Support;

namespace Store.Tests.Features.Backups;

/// <summary>
/// `./store.sh backup` and `./store.sh restore` as an owner runs them (the real script, pg_dump and pg_restore):
/// a store with paid orders and an uploaded picture is backed up and restored into a new database and media folder.
/// </summary>
public class BackupRestoreTests : IClassFixture<DatabaseFixture>, IDisposable
{
    private readonly DatabaseFixture db;
    private readonly string work = Directory.CreateTempSubdirectory("store-backup-test-").FullName;

    public BackupRestoreTests(DatabaseFixture db) => this.db = db;

    [Fact]
    public async Task Restore_OfABackup_GivesANewDatabaseWithTheSameOrdersSchemaAndPictures()
    {
        await PaidOrderScenario.PaidOrderAsync(db, skip: 0);
        await PaidOrderScenario.PaidOrderAsync(db, skip: 1, quantity: 2);
        var images = Directory.CreateDirectory(Path.Combine(work, "images")).FullName;
        var picture = Path.Combine("ab", "ab12cd-640.webp");
        Directory.CreateDirectory(Path.Combine(images, "ab"));
        await File.WriteAllBytesAsync(Path.Combine(images, picture), [0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4]);
        var archive = Path.Combine(work, "backup.tar");
        var restoredImages = Path.Combine(work, "restored-images");
        var restored = "store_test_restored_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            var backup = await StoreCommandAsync(images, "backup", archive);
            Assert.True(backup.ExitCode == 0, backup.Output);
            var restore = await StoreCommandAsync(restoredImages, "restore", archive, restored);
            Assert.True(restore.ExitCode == 0, restore.Output);

            var orders = await QueryAsync(db.DatabaseName, OrdersSql);
            Assert.Equal(2, orders.Count);
            Assert.All(orders, o => Assert.Contains("|Paid|", o));
            Assert.Equal(orders, await QueryAsync(restored, OrdersSql));
            Assert.Equal(await QueryAsync(db.DatabaseName, PaymentsSql), await QueryAsync(restored, PaymentsSql));
            var schema = await QueryAsync(db.DatabaseName, SchemaSql);
            Assert.Contains(schema, line => line.StartsWith("trigger ", StringComparison.Ordinal));
            Assert.Equal(schema, await QueryAsync(restored, SchemaSql));
            Assert.Equal(
                await File.ReadAllBytesAsync(Path.Combine(images, picture)),
                await File.ReadAllBytesAsync(Path.Combine(restoredImages, picture)));
        }
        finally
        {
            await TestDatabase.DropAsync(restored);
        }
    }

    [Fact]
    public async Task Restore_WhenTheTargetDatabaseHasTables_RefusesAndLeavesItAsItWas()
    {
        var images = Directory.CreateDirectory(Path.Combine(work, "images-2")).FullName;
        var archive = Path.Combine(work, "backup-2.tar");
        Assert.Equal(0, (await StoreCommandAsync(images, "backup", archive)).ExitCode);
        var before = await QueryAsync(db.DatabaseName, OrdersSql);

        var restore = await StoreCommandAsync(images, "restore", archive, db.DatabaseName);

        Assert.NotEqual(0, restore.ExitCode);
        Assert.Contains("already has tables", restore.Output);
        Assert.Equal(before, await QueryAsync(db.DatabaseName, OrdersSql));
        Assert.Empty(await QueryAsync("postgres", $"SELECT datname FROM pg_database WHERE datname = '{db.DatabaseName}_restoring'"));
    }

    [Fact]
    public async Task Restore_OfAFileThatIsNotABackup_FailsWithoutCreatingTheDatabase()
    {
        var notABackup = Path.Combine(work, "notes.tar");
        await File.WriteAllTextAsync(notABackup, "not a tar archive");
        var target = "store_test_restored_" + Guid.NewGuid().ToString("N")[..12];

        var restore = await StoreCommandAsync(Path.Combine(work, "images-3"), "restore", notABackup, target);

        Assert.NotEqual(0, restore.ExitCode);
        Assert.Empty(await QueryAsync("postgres", $"SELECT datname FROM pg_database WHERE datname LIKE '{target}%'"));
    }

    public void Dispose()
    {
        Directory.Delete(work, recursive: true);
        GC.SuppressFinalize(this);
    }

    private const string OrdersSql =
        "SELECT id || '|' || status || '|' || total_minor || '|' || currency || '|' || email FROM orders ORDER BY id";

    private const string PaymentsSql = "SELECT order_id || '|' || status || '|' || amount_minor FROM payments ORDER BY order_id";

    // Every column, index and trigger of the public schema: the restore must bring back the search triggers too.
    private const string SchemaSql = """
        SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns
        WHERE table_schema = 'public'
        UNION ALL SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
        UNION ALL SELECT 'trigger ' || event_object_table || '.' || trigger_name || ' ' || event_manipulation
        FROM information_schema.triggers WHERE trigger_schema = 'public'
        ORDER BY 1
        """;

    private async Task<(int ExitCode, string Output)> StoreCommandAsync(string imagesRoot, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, "store.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ConnectionStrings__Store"] = db.ConnectionString;
        start.Environment["Store__Images__Root"] = imagesRoot;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    private static async Task<List<string>> QueryAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionStringFor(database)) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "store.sh")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("store.sh not found above " + AppContext.BaseDirectory);
    }
}
