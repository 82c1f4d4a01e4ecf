using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Store.Infrastructure.Data;
using Store.Infrastructure.Identity;
using Store.Tests.Support;

namespace Store.Tests.Features.Data;

/// <summary>
/// The schema history starts with one Baseline migration that replaced the pre-release chain. baseline-schema.txt is
/// the description (SchemaDescription.sql) of a database the old chain of 28 migrations produced, read before the chain
/// was removed.
/// </summary>
public class SchemaHistoryTests
{
    private const string Baseline = "20261203084053_Baseline";

    [Fact]
    public async Task Baseline_OnAnEmptyDatabase_CreatesTheSchemaTheOldChainProduced()
    {
        var name = NewDatabaseName();
        await using var services = TestDatabase.Services(name);
        try
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
                await db.GetService<IMigrator>().MigrateAsync(Baseline);
            }

            var expected = await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "Features", "Data", "baseline-schema.txt"));
            var actual = await DescribeAsync(name);

            Assert.Equal(expected.Where(l => l.Length > 0), actual);
        }
        finally
        {
            await TestDatabase.DropAsync(name);
        }
    }

    [Fact]
    public void Model_ComparedWithTheLastMigration_HasNoPendingChanges()
    {
        using var services = TestDatabase.Services(NewDatabaseName());
        using var scope = services.CreateScope();

        Assert.False(scope.ServiceProvider.GetRequiredService<StoreDbContext>().Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task Initialize_OnADatabaseOfThePreReleaseChain_RecordsTheBaselineWithoutRunningIt()
    {
        var name = NewDatabaseName();
        await using var services = TestDatabase.Services(name);
        try
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
                await db.GetService<IMigrator>().MigrateAsync(Baseline);
                await db.Database.ExecuteSqlRawAsync("""
                    DELETE FROM "__EFMigrationsHistory";
                    INSERT INTO "__EFMigrationsHistory" (migration_id, product_version) VALUES
                        ('20261125214744_InitialCreate', '10.0.15'),
                        ('20261126031214_SearchPostings', '10.0.15'),
                        ('20261126033000_SearchAttributeFacets', '10.0.15');
                    """);
            }

            await DatabaseInitializer.InitializeAsync(services);

            await using var check = services.CreateAsyncScope();
            var applied = await check.ServiceProvider.GetRequiredService<StoreDbContext>().Database.GetAppliedMigrationsAsync();
            Assert.Equal(Baseline, applied.First());
            Assert.DoesNotContain(applied, m => string.CompareOrdinal(m, Baseline) < 0);
        }
        finally
        {
            await TestDatabase.DropAsync(name);
        }
    }

    [Fact]
    public async Task Initialize_FromThreeInstancesStartingAtOnce_MigratesAndSeedsOnce()
    {
        var name = NewDatabaseName();
        var instances = Enumerable.Range(0, 3).Select(_ => TestDatabase.Services(name)).ToList();
        try
        {
            await Task.WhenAll(instances.Select(s => Task.Run(() => DatabaseInitializer.InitializeAsync(s))));

            await using var scope = instances[0].CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StoreUser>>();
            Assert.Single(await users.GetUsersInRoleAsync(StoreRoles.Admin));
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(StoreRoles.All.Count, await db.Roles.CountAsync());
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }

            await TestDatabase.DropAsync(name);
        }
    }

    private static string NewDatabaseName() => "store_test_schema_" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<List<string>> DescribeAsync(string database)
    {
        var sql = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Features", "Data", "SchemaDescription.sql"));
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionStringFor(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }
}
