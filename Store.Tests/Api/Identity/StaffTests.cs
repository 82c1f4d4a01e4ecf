using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Domain.Identity;
using Store.Infrastructure.Data;
using Store.Infrastructure.Identity;
using Store.Tests.Support;
using static Store.Tests.Api.Identity.StaffFlows;

namespace Store.Tests.Api.Identity;

/// <summary>The owner's staff page services over a real store: invitations, roles and what each role reaches, the last Admin, the audit log.</summary>
public class StaffTests(AccountApiFixture fixture) : IClassFixture<AccountApiFixture>
{
    [Fact]
    public async Task InviteLink_WorksOnceThenSaysItWasUsed()
    {
        const string email = "new.hire@example.com";
        await InviteAsync(fixture, email, StaffRole.Staff);
        var mail = await fixture.MailToAsync(email);
        var link = AccountApiFixture.LinkIn(mail, "/account/accept-invite");

        var first = await AcceptAsync(fixture.Browser(), link);
        var second = await AcceptAsync(fixture.Browser(), link, "Hijacked-Pass2");
        var signIn = await fixture.AppClient().PostAsJsonAsync("/api/account/login", new { email, password = StaffPassword });
        var hijack = await fixture.AppClient().PostAsJsonAsync("/api/account/login", new { email, password = "Hijacked-Pass2" });

        Assert.Contains("You are invited", mail.Message.Subject);
        Assert.Contains("data-testid=\"invite-accepted\"", await first.Content.ReadAsStringAsync());
        Assert.Contains("expired or was already used", await second.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, hijack.StatusCode);
    }

    [Fact]
    public async Task InviteLink_WhenOlderThanItsLifetime_IsRefusedAndTheAccountHasNoPassword()
    {
        var shortLived = fixture.WithSettings(new Dictionary<string, string?> { ["Store:Account:StaffInviteLifetime"] = "00:00:01" });
        const string email = "slow.hire@example.com";
        await InviteAsync(fixture, email, StaffRole.Inventory);
        var link = AccountApiFixture.LinkIn(await fixture.MailToAsync(email, shortLived), "/account/accept-invite");

        // Identity's data-protection codes read the system clock, not the framework's TimeProvider: the test waits.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var late = await AcceptAsync(fixture.Browser(shortLived), link);
        var staff = await WithStaffAsync(fixture, s => s.ListAsync());

        Assert.Contains("expired or was already used", await late.Content.ReadAsStringAsync());
        Assert.Equal(StaffState.Invited, staff.Single(s => s.Email == email).State);
    }

    [Fact]
    public async Task Invite_WhenTheEmailIsAlreadyStaff_IsAConflictAndNothingIsSent()
    {
        var invited = await WithStaffAsync(fixture, s => s.InviteAsync(StoreAppFactory.AdminEmail, StaffRole.Staff, StoreAppFactory.AdminEmail));
        var malformed = await WithStaffAsync(fixture, s => s.InviteAsync("not-an-email", StaffRole.Staff, StoreAppFactory.AdminEmail));
        var sent = await fixture.DeliverAsync();

        Assert.Equal("staff.exists", invited.Error?.Code);
        Assert.Equal("staff.email", malformed.Error?.Code);
        Assert.Empty(sent);
    }

    [Fact]
    public async Task InventoryRole_ReachesTheInventoryPanelAndApiOnly()
    {
        const string email = "picker@example.com";
        await AddStaffAsync(fixture, email, StaffRole.Inventory);
        var token = (await AccountApiFixture.LoginAsync(fixture.AppClient(), email, StaffPassword)).AccessToken;
        var api = fixture.AppClient();
        var (browser, _) = Browser(fixture.App);
        await HttpForms.SignInAsync(browser, email, StaffPassword);

        var stock = await api.SendAsync(AccountApiFixture.WithToken(HttpMethod.Get, "/api/inventory", token));
        var product = await api.SendAsync(AccountApiFixture.WithToken(HttpMethod.Get, "/api/products/id/1", token));
        var create = await api.SendAsync(AccountApiFixture.WithToken(HttpMethod.Post, "/api/products", token,
            new { name = "Picker Hat", categoryId = 8, variants = new[] { new { sku = "PICK-1", priceMinor = 1500, initialStock = 3 } } }));
        var panel = await browser.GetAsync("/admin/inventory");
        var refused = new Dictionary<string, HttpResponseMessage>();
        foreach (var path in new[] { "/admin", "/admin/orders", "/admin/products", "/admin/settings", "/admin/staff", "/admin/audit", "/admin/catalog/products.csv" })
        {
            refused[path] = await browser.GetAsync(path);
        }

        Assert.Equal(HttpStatusCode.OK, stock.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, product.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.OK, panel.StatusCode);
        Assert.All(refused, r => Assert.True(IsRedirectTo(r.Value, "/account/access-denied"), $"{r.Key} answered {(int)r.Value.StatusCode} {r.Value.Headers.Location}"));
    }

    [Fact]
    public async Task StaffRole_ReachesTheAdminButNotSettingsOrTheStaffPage()
    {
        const string email = "clerk@example.com";
        await AddStaffAsync(fixture, email, StaffRole.Staff);
        var (browser, _) = Browser(fixture.App);
        await HttpForms.SignInAsync(browser, email, StaffPassword);

        var orders = await browser.GetAsync("/admin/orders");
        var inventory = await browser.GetAsync("/admin/inventory");
        var settings = await browser.GetAsync("/admin/settings");
        var staff = await browser.GetAsync("/admin/staff");

        Assert.Equal(HttpStatusCode.OK, orders.StatusCode);
        Assert.Equal(HttpStatusCode.OK, inventory.StatusCode);
        Assert.True(IsRedirectTo(settings, "/account/access-denied"));
        Assert.True(IsRedirectTo(staff, "/account/access-denied"));
    }

    [Fact]
    public async Task LastAdmin_CannotDemoteOrDisableThemselfButAnotherAdminCanBeDemoted()
    {
        var ownerId = (await WithStaffAsync(fixture, s => s.ListAsync())).Single(s => s.Email == StoreAppFactory.AdminEmail).Id;

        var demoted = await WithStaffAsync(fixture, s => s.ChangeRoleAsync(ownerId, StaffRole.Staff, StoreAppFactory.AdminEmail));
        var disabled = await WithStaffAsync(fixture, s => s.DisableAsync(ownerId, StoreAppFactory.AdminEmail));
        var stillAdmin = await fixture.AppClient().PostAsJsonAsync("/api/account/login", new { email = StoreAppFactory.AdminEmail, password = StoreAppFactory.AdminPassword });
        var secondId = await AddStaffAsync(fixture, "second.admin@example.com", StaffRole.Admin);
        var secondDemoted = await WithStaffAsync(fixture, s => s.ChangeRoleAsync(secondId, StaffRole.Staff, StoreAppFactory.AdminEmail));

        Assert.Equal("staff.last-admin", demoted.Error?.Code);
        Assert.Equal("staff.last-admin", disabled.Error?.Code);
        Assert.Equal(HttpStatusCode.OK, stillAdmin.StatusCode);
        Assert.True(secondDemoted.IsSuccess, secondDemoted.Error?.Message);
        var owner = (await WithStaffAsync(fixture, s => s.ListAsync())).Single(s => s.Id == ownerId);
        Assert.Equal((StaffRole.Admin, StaffState.Active), (owner.Role, owner.State));
    }

    [Fact]
    public async Task StaffChanges_AreEachInTheAuditLogWithWhoMadeThem()
    {
        const string email = "audited@example.com";
        var id = await AddStaffAsync(fixture, email, StaffRole.Staff);

        await WithStaffAsync(fixture, s => s.ChangeRoleAsync(id, StaffRole.Inventory, StoreAppFactory.AdminEmail));
        await WithStaffAsync(fixture, s => s.DisableAsync(id, StoreAppFactory.AdminEmail));
        await WithStaffAsync(fixture, s => s.EnableAsync(id, StoreAppFactory.AdminEmail));
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().AuditLog
            .Where(a => a.EntityId == email).OrderBy(a => a.Id).Select(a => new { a.Actor, a.Action, a.Details }).ToListAsync();

        Assert.Equal(new[] { "staff.invited", "staff.invite-accepted", "staff.role-changed", "staff.disabled", "staff.enabled" }, entries.Select(e => e.Action));
        Assert.Equal(StoreAppFactory.AdminEmail, entries[0].Actor);
        Assert.Equal(email, entries[1].Actor);
        var roleChange = JsonDocument.Parse(entries[2].Details!).RootElement;
        Assert.Equal("Staff", roleChange.GetProperty("Before").GetString());
        Assert.Equal("Inventory", roleChange.GetProperty("After").GetString());
    }
}
