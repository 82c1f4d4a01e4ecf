using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Store.Domain.Common;
using Store.Domain.Inventory;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data.DemoData;
using Store.Infrastructure.Identity;
using Store.Infrastructure.Settings;

namespace Store.Infrastructure.Data;

/// <summary>Brings the database to the current schema, then adds roles, the first admin and (optionally) demo data.</summary>
public static class DatabaseInitializer
{
    /// <summary>The last migration of the pre-release chain that the Baseline migration replaced.</summary>
    private const string LastPreBaselineMigration = "20261126033000_SearchAttributeFacets";

    /// <summary>Any fixed number: the advisory lock that lets one starting instance at a time migrate and seed.</summary>
    private const long StartupLockKey = 7_460_301_001;

    public static async Task InitializeAsync(IServiceProvider services, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<StoreDbContext>();
        await CreateDatabaseIfMissingAsync(db, ct);

        // Several instances may start at once against one database (a cluster, a rolling upgrade). EF Core locks the
        // migrations themselves, but the seeding after them (roles, the first admin, demo data) would race too, so the
        // whole start-up runs under one session-level advisory lock, on a connection of its own that outlives it.
        var lockConnectionString = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString;
        await using var lockConnection = new NpgsqlConnection(lockConnectionString);
        await lockConnection.OpenAsync(ct);
        // No command timeout: the wait lasts as long as the first instance's migration and demo seeding, which on a
        // busy machine is well over the default 30 s (a second instance then failed to start).
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({StartupLockKey})", lockConnection) { CommandTimeout = 0 })
        {
            await take.ExecuteNonQueryAsync(ct);
        }

        try
        {
            await MigrateAsync(db, ct);
            await SeedAsync(sp, db, ct);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({StartupLockKey})", lockConnection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static async Task CreateDatabaseIfMissingAsync(StoreDbContext db, CancellationToken ct)
    {
        // The database and its history table first: on a new database EF would otherwise log its own failed read of
        // the history table as an error.
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(ct))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another instance created it between our check and our CREATE DATABASE.
        }
    }

    private static async Task MigrateAsync(StoreDbContext db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), ct);

        // A database made by the pre-release chain has exactly the schema the Baseline migration creates (a test
        // compares them), so its history is rewritten to say so instead of running the Baseline over existing tables.
        var baseline = db.Database.GetMigrations().First();
        await db.Database.ExecuteSqlRawAsync(
            """
            WITH old AS (
                DELETE FROM "__EFMigrationsHistory"
                WHERE {0} = (SELECT max(migration_id) FROM "__EFMigrationsHistory") AND migration_id <= {0}
                RETURNING product_version)
            INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
            SELECT {1}, max(product_version) FROM old HAVING count(*) > 0
            """,
            [LastPreBaselineMigration, baseline],
            ct);
        await db.Database.MigrateAsync(ct);
    }

    private const string DemoTagline = "Gear that goes the distance: clothing, footwear and camp kit, tested on real trips";

    private static async Task SeedAsync(IServiceProvider sp, StoreDbContext db, CancellationToken ct)
    {
        // The saved settings exist only now: read them before anything below uses the store's name or currency.
        await sp.GetRequiredService<ShopSettingsSource>().ReloadAsync(ct);
        await sp.GetRequiredService<Settings.Providers.ProviderSettingsSource>().ReloadAsync(ct);
        var options = sp.GetRequiredService<IOptionsMonitor<ShopOptions>>().CurrentValue;
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Store.Setup");
        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StoreRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        // An owner comes from configuration (a container set up by its environment) or, for the demo store only,
        // with a generated password. Otherwise the first visit runs the setup instead.
        var ownerConfigured = !string.IsNullOrEmpty(options.Admin.Password);
        if ((ownerConfigured || options.SeedDemoData) && await EnsureAdminAsync(sp.GetRequiredService<UserManager<StoreUser>>(), options.Admin, logger))
        {
            sp.GetRequiredService<Audit.AuditLog>().Record(SetupService.Actor, "staff.created", "user", options.Admin.Email, new { Role = StoreRoles.Admin });
            await db.SaveChangesAsync(ct);
        }

        if (options.SeedDemoData)
        {
            await DemoRates.SeedAsync(db, options.Currency, ct);

            // Demo pricing only with a fresh demo catalog: an existing store never gets surprise sales on restart.
            var fresh = !await db.Products.AnyAsync(ct);
            var clock = sp.GetRequiredService<IClock>();

            // A store with a past had its catalog, opening stock and promotions from the first day of that past.
            var history = fresh && options.SeedDemoHistory;
            var openedAt = history ? new DemoClock(DemoHistory.StartFor(clock.UtcNow)) : clock;
            await DemoCatalog.SeedAsync(db, openedAt, options.Currency, ct);
            if (fresh && options.SeedDemoPricing)
            {
                await DemoPricing.SeedAsync(db, sp.GetRequiredService<IClock>(), ct);
            }

            // Only with a fresh demo catalog: a product the owner added later without pictures keeps none.
            if (fresh && options.SeedDemoPictures)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var drawn = await DemoPictures.SeedAsync(db, sp.GetRequiredService<Catalog.ImageStore>(), sp.GetRequiredService<IClock>(), ct);
                logger.LogInformation("Demo pictures: {Count} drawn and stored in {Milliseconds} ms", drawn, watch.ElapsedMilliseconds);
            }

            await DemoPromotions.SeedAsync(db, options.Currency, openedAt, ct);
            if (history)
            {
                var seeded = await DemoHistory.SeedAsync(sp, db, clock, options, ct);
                if (seeded is not null)
                {
                    logger.LogInformation(
                        "Demo history: {Customers} customers, {Orders} orders and {PurchaseOrders} purchase orders over {Days} days, seeded in {Milliseconds} ms",
                        seeded.Customers, seeded.Orders, seeded.PurchaseOrders, DemoHistory.Days, seeded.Milliseconds);
                }
            }

            // The demo's line under its name, saved like an owner's (so the settings page edits it) unless one is set.
            var source = sp.GetRequiredService<ShopSettingsSource>();
            if (fresh && !source.IsConfigured(SettingKeys.Tagline) && !await db.Settings.AnyAsync(s => s.Key == SettingKeys.Tagline, ct))
            {
                db.Settings.Add(new StoredSetting(SettingKeys.Tagline, DemoTagline, SetupService.Actor, sp.GetRequiredService<IClock>().UtcNow));
                await db.SaveChangesAsync(ct);
                await source.ReloadAsync(ct);
            }
        }
        else if (ownerConfigured && !await db.Locations.AnyAsync(l => l.RetiredAt == null, ct))
        {
            await SetUpFromConfigurationAsync(db, sp.GetRequiredService<Audit.AuditLog>(), options, logger, ct);
        }
    }

    /// <summary>
    /// What the setup form would do, from configuration: the first stock location (shipping from Store:Address) and
    /// the home country's tax and shipping rules. Runs on the start that finds no location, so once.
    /// </summary>
    private static async Task SetUpFromConfigurationAsync(StoreDbContext db, Audit.AuditLog audit, ShopOptions options, ILogger logger, CancellationToken ct)
    {
        var location = Location.Create(options.Setup.Location.Code, options.Setup.Location.Name, 1);
        if (!location.IsSuccess)
        {
            throw new InvalidOperationException($"Store:Setup:Location is not valid: {location.Error!.Message}");
        }

        var a = options.Address;
        var shipFrom = ShipFromAddress.Create(a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country);
        location.Value.ShipsFrom(shipFrom.IsSuccess ? shipFrom.Value : null);
        db.Locations.Add(location.Value);
        audit.Record(SetupService.Actor, "location.created", "location", location.Value.Code, new { location.Value.Name, location.Value.Priority });
        var presets = await Tax.TaxPresets.ApplyAsync(db, options.HomeCountry, options.Currency, ct);
        audit.Record(SetupService.Actor, "store.set-up", "settings", "store", new { Source = "configuration", options.Name, options.Currency, options.HomeCountry, PresetRules = presets });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Store set up from configuration: location {Code}, {Presets} tax and shipping rules for {Country}", location.Value.Code, presets, options.HomeCountry);
    }

    /// <summary>Creates the first admin when there is none; true when it did.</summary>
    private static async Task<bool> EnsureAdminAsync(UserManager<StoreUser> users, AdminAccountOptions admin, ILogger logger)
    {
        if ((await users.GetUsersInRoleAsync(StoreRoles.Admin)).Count > 0)
        {
            return false;
        }

        var generated = string.IsNullOrEmpty(admin.Password);
        var password = generated ? "Adm1n-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', 'x').Replace('+', 'y') : admin.Password!;
        var user = await users.FindByEmailAsync(admin.Email) ?? new StoreUser
        {
            UserName = admin.Email,
            Email = admin.Email,
            EmailConfirmed = true,
            DisplayName = "Store admin",
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var result = user.Id is not null && await users.FindByIdAsync(user.Id) is not null
            ? IdentityResult.Success
            : await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The first admin account could not be created: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, StoreRoles.Admin);
        if (generated)
        {
            // Printed once, on the start that creates the account; it is not stored anywhere else.
            Console.WriteLine($"""

                ==================================================================
                 First admin account created. Sign in at /account/login with
                   email:    {admin.Email}
                   password: {password}
                 Set Store__Admin__Password to choose it yourself next time.
                ==================================================================

                """);
        }
        else
        {
            logger.LogInformation("Admin account {Email} created from configuration", admin.Email);
        }

        return true;
    }
}
