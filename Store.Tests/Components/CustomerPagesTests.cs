using Bunit;
using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Data;
using Store.Tests.Support;
using Store.Web.Admin.Customers;

namespace Store.Tests.Components;

/// <summary>The admin customers pages over the class's own database (their services are the real ones).</summary>
public class CustomerPagesTests : AdminPageContext, IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly DatabaseFixture db;

    public CustomerPagesTests(DatabaseFixture db)
        : base(db.ConnectionString, "owner@store.local")
    {
        this.db = db;
    }

    [Fact]
    public async Task CustomersPage_WhenSearchingByName_ListsOnlyTheMatchingCustomersWithTheirValue()
    {
        var id = await CustomerScenario.CustomerAsync(db, "marguerite.list@example.com", "Marguerite Listing", DateTimeOffset.UtcNow.AddDays(-30));
        await CustomerScenario.CustomerAsync(db, "other.list@example.com", "Somebody Else", DateTimeOffset.UtcNow.AddDays(-20));
        await CustomerScenario.OrderAsync(db, id, "marguerite.list@example.com", DateTimeOffset.UtcNow.AddDays(-2), 12_345);
        var cut = Render<CustomersPage>();
        cut.WaitForAssertion(() => Assert.Contains("other.list@example.com", cut.Find("[data-testid=customers]").TextContent), Wait);

        cut.Find("input[data-testid=customer-search]").Change("marguerite");
        await cut.Find("button[data-testid=customer-apply]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.DoesNotContain("other.list@example.com", cut.Find("[data-testid=customers]").TextContent), Wait);
        var table = cut.Find("[data-testid=customers]").TextContent;
        Assert.Contains("Marguerite Listing", table);
        Assert.Contains("$123.45", table);
        Assert.Contains($"/admin/customers/{id}", cut.Markup);
    }

    [Fact]
    public async Task CustomerDetailPage_WhenGroupAndNotesAreSaved_ShowsThemAndAuditsTheStaffMember()
    {
        var id = await CustomerScenario.CustomerAsync(db, "detail.saved@example.com", "Detail Saved", DateTimeOffset.UtcNow.AddDays(-60));
        await CustomerScenario.OrderAsync(db, id, "detail.saved@example.com", DateTimeOffset.UtcNow.AddDays(-5), 4_000, refundedMinor: 1_000);
        var cut = Render<CustomerDetailPage>(p => p.Add(c => c.Id, id));
        cut.WaitForAssertion(() => Assert.Contains("Detail Saved", cut.Find("[data-testid=customer-name]").TextContent), Wait);
        Assert.Contains("$30.00", cut.Find("[data-testid=customer-lifetime]").TextContent);
        Assert.Contains("PartiallyRefunded", cut.Find("[data-testid=customer-orders]").TextContent);

        cut.Find("input[data-testid=customer-group-input]").Change("Wholesale");
        await cut.Find("button[data-testid=customer-group-save]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal("wholesale", cut.Find("input[data-testid=customer-group-input]").GetAttribute("value")), Wait);
        cut.Find("textarea[data-testid=customer-notes-input]").Change("Prefers parcels left at the back door.");
        await cut.Find("button[data-testid=customer-notes-save]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.False(cut.Find("button[data-testid=customer-notes-save]").HasAttribute("disabled")), Wait);

        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var user = await context.Users.AsNoTracking().SingleAsync(u => u.Id == id);
        Assert.Equal("wholesale", user.CustomerGroup);
        Assert.Equal("Prefers parcels left at the back door.", user.StaffNotes);
        var audit = await context.AuditLog.AsNoTracking().Where(a => a.EntityId == id).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["customer.group", "customer.notes"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal("owner@store.local", a.Actor));
    }

    [Fact]
    public async Task CustomerDetailPage_WhenTheGroupIsNotAName_ShowsWhyAndSavesNothing()
    {
        var id = await CustomerScenario.CustomerAsync(db, "detail.refused@example.com", "Detail Refused", DateTimeOffset.UtcNow.AddDays(-60));
        var cut = Render<CustomerDetailPage>(p => p.Add(c => c.Id, id));
        cut.WaitForAssertion(() => Assert.False(cut.Find("button[data-testid=customer-group-save]").HasAttribute("disabled")), Wait);

        cut.Find("input[data-testid=customer-group-input]").Change("big spenders!");
        await cut.Find("button[data-testid=customer-group-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.Find("[data-testid=customer-group-error]").TextContent), Wait);
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        Assert.Null((await context.Users.AsNoTracking().SingleAsync(u => u.Id == id)).CustomerGroup);
        Assert.False(await context.AuditLog.AnyAsync(a => a.EntityId == id));
    }

    [Fact]
    public void CustomerDetailPage_WhenTheIdIsUnknown_SaysThereIsNoSuchCustomer()
    {
        var cut = Render<CustomerDetailPage>(p => p.Add(c => c.Id, "no-such-customer"));

        cut.WaitForAssertion(() => Assert.Equal("No such customer.", cut.Find("[data-testid=customer-missing]").TextContent), Wait);
    }
}
