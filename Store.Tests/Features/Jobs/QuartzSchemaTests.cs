using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Store.Infrastructure.Data;
using Store.Tests.Support;

namespace Store.Tests.Features.Jobs;

public class QuartzSchemaTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
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
    public async Task Migrate_WhenRevertedToEmptyAndReapplied_DropsEveryTableAndFunctionThenRecreatesThem()
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var migrator = context.GetService<IMigrator>();

        await migrator.MigrateAsync(Migration.InitialDatabase);
        var tablesAfterDown = await context.Database
            .SqlQuery<string>($"SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'")
            .ToListAsync();
        var functionsAfterDown = await context.Database
            .SqlQuery<string>($"SELECT proname AS \"Value\" FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace LEFT JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e' WHERE n.nspname = 'public' AND d.objid IS NULL")
            .ToListAsync();
        await migrator.MigrateAsync();

        Assert.Equal(["__EFMigrationsHistory"], tablesAfterDown);
        Assert.Empty(functionsAfterDown);
        Assert.Equal(QuartzTables, await QuartzTablesAsync());
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
    }

    private async Task<List<string>> QuartzTablesAsync()
    {
        await using var scope = db.Scope();
        return await db.Get<StoreDbContext>(scope).Database
            .SqlQuery<string>($"SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'qrtz%' ORDER BY table_name")
            .ToListAsync();
    }
}
