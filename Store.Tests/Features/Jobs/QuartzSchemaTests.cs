using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Store.Infrastructure.Data;
using Store.Tests.Support;

namespace Store.Tests.Features.Jobs;

public class QuartzSchemaTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private const string Migration = "20261125230000_QuartzSchema";

    private static readonly string[] QuartzTables =
    [
        "qrtz_blob_triggers", "qrtz_calendars", "qrtz_cron_triggers", "qrtz_execution_history", "qrtz_fired_triggers",
        "qrtz_job_details", "qrtz_job_status", "qrtz_locks", "qrtz_misfire_history", "qrtz_paused_job_grps",
        "qrtz_paused_trigger_grps", "qrtz_scheduler_state", "qrtz_simple_triggers", "qrtz_simprop_triggers", "qrtz_triggers",
    ];

    [Fact]
    public async Task Migrate_WhenTheDatabaseIsCurrent_HasTheQuartzTables()
    {
        Assert.Equal(QuartzTables, await QuartzTablesAsync());
    }

    [Fact]
    public async Task Migrate_WhenQuartzSchemaIsRevertedAndReapplied_DropsThenRecreatesTheTables()
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var migrations = context.Database.GetMigrations().ToList();
        var previous = migrations[migrations.IndexOf(Migration) - 1];
        var migrator = context.GetService<IMigrator>();

        await migrator.MigrateAsync(previous);
        var afterDown = await QuartzTablesAsync();
        await migrator.MigrateAsync();

        Assert.Empty(afterDown);
        Assert.Equal(QuartzTables, await QuartzTablesAsync());
        Assert.Contains(Migration, await context.Database.GetAppliedMigrationsAsync());
    }

    private async Task<List<string>> QuartzTablesAsync()
    {
        await using var scope = db.Scope();
        return await db.Get<StoreDbContext>(scope).Database
            .SqlQuery<string>($"SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'qrtz%' ORDER BY table_name")
            .ToListAsync();
    }
}
