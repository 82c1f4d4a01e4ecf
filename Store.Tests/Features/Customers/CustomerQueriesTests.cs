using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Customers;
using Store.Infrastructure.Data;
using Store.Tests.Support;

namespace Store.Tests.Features.Customers;

public class CustomerQueriesTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task ListAsync_WhenFilteredBySearchGroupOrdersAndLastOrder_ReturnsOnlyTheMatchingCustomers()
    {
        var recent = await CustomerScenario.CustomerAsync(db, "ada.filter@example.com", "Ada Filterwright", Now.AddDays(-200), "wholesale");
        var lapsed = await CustomerScenario.CustomerAsync(db, "bob.filter@example.com", "Bob Filterwright", Now.AddDays(-300));
        var never = await CustomerScenario.CustomerAsync(db, "cy.filter@example.com", "Cy Filterwright", Now.AddDays(-10), "members");
        await CustomerScenario.OrderAsync(db, recent, "ada.filter@example.com", Now.AddDays(-3), 5000);
        await CustomerScenario.OrderAsync(db, lapsed, "bob.filter@example.com", Now.AddDays(-120), 7000);
        await using var scope = db.Scope();
        var queries = db.Get<CustomerQueries>(scope);

        async Task<string[]> Ids(CustomerFilter filter) => [.. (await queries.ListAsync(filter, null, 50)).Items.Select(c => c.Id).Order()];

        Assert.Equal(new[] { recent, lapsed, never }.Order(), await Ids(new CustomerFilter("FILTERWRIGHT")));
        Assert.Equal([lapsed], await Ids(new CustomerFilter("bob.filter@")));
        Assert.Equal([recent], await Ids(new CustomerFilter("filterwright", Group: "Wholesale")));
        Assert.Equal([lapsed], await Ids(new CustomerFilter("filterwright", Group: CustomerFilter.NoGroup)));
        Assert.Equal(new[] { recent, lapsed }.Order(), await Ids(new CustomerFilter("filterwright", Orders: CustomerOrders.With)));
        Assert.Equal([never], await Ids(new CustomerFilter("filterwright", Orders: CustomerOrders.Without)));
        Assert.Equal([recent], await Ids(new CustomerFilter("filterwright", LastOrderFrom: Now.AddDays(-30))));
        Assert.Equal([lapsed], await Ids(new CustomerFilter("filterwright", LastOrderBefore: Now.AddDays(-90))));
        Assert.Empty(await Ids(new CustomerFilter("filter%wright")));
    }

    [Fact]
    public async Task ListAsync_WhenFollowingTheCursor_VisitsEveryCustomerOnceNewestFirstAndNoStaff()
    {
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            // Two accounts share each creation time: the id breaks the tie, so no page repeats or skips one.
            ids.Add(await CustomerScenario.CustomerAsync(db, $"pager{i}@example.com", $"Pager Person {i}", Now.AddDays(-(i / 2))));
        }

        await using var scope = db.Scope();
        var queries = db.Get<CustomerQueries>(scope);
        var seen = new List<CustomerSummary>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await queries.ListAsync(new CustomerFilter("pager"), cursor, 3);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(ids.Order(), seen.Select(c => c.Id).Order());
        Assert.Equal(seen.OrderByDescending(c => c.Since).ThenByDescending(c => c.Id, StringComparer.Ordinal).Select(c => c.Id), seen.Select(c => c.Id));
        Assert.Empty((await queries.ListAsync(new CustomerFilter(StoreAppFactory.AdminEmail), null)).Items);
    }

    [Fact]
    public async Task FindAsync_WhenTheCustomerHasPaidRefundedAndUnpaidOrders_CountsLifetimeValueFromPaidOrdersLessRefunds()
    {
        var id = await CustomerScenario.CustomerAsync(db, "lifetime@example.com", "Life Time", Now.AddDays(-50));
        await CustomerScenario.OrderAsync(db, id, "lifetime@example.com", Now.AddDays(-40), 10_000);
        await CustomerScenario.OrderAsync(db, id, "lifetime@example.com", Now.AddDays(-20), 6_000, refundedMinor: 1_500);
        await CustomerScenario.OrderAsync(db, id, "lifetime@example.com", Now.AddDays(-1), 9_999, paid: false);
        await using var scope = db.Scope();

        var detail = await db.Get<CustomerQueries>(scope).FindAsync(id);
        var summary = (await db.Get<CustomerQueries>(scope).ListAsync(new CustomerFilter("lifetime@"), null)).Items.Single();

        Assert.NotNull(detail);
        Assert.Equal(2, detail.PaidOrders);
        Assert.Equal(14_500, detail.LifetimeMinor);
        Assert.Equal(1_500, detail.RefundedMinor);
        Assert.Equal(8_000, detail.AverageOrderMinor);
        Assert.Equal(3, detail.Orders.Count);
        Assert.Equal(14_500, summary.LifetimeMinor);
        Assert.Equal(3, summary.Orders);
        Assert.Equal(detail.Orders[0].PlacedAt, summary.LastOrderAt);
    }

    [Fact]
    public async Task SaveNotesAsync_WhenTooLong_RefusesAndWritesNothing()
    {
        var id = await CustomerScenario.CustomerAsync(db, "notes.refused@example.com", "Note Refused", Now.AddDays(-5));
        await using var scope = db.Scope();

        var saved = await db.Get<CustomerAdminService>(scope).SaveNotesAsync(id, new string('x', Store.Domain.Customers.StaffNotes.MaxLength + 1), "owner@store.local");

        Assert.False(saved.IsSuccess);
        Assert.Equal("customer.notes", saved.Error!.Code);
        await using var check = db.Scope();
        var context = db.Get<StoreDbContext>(check);
        Assert.Null((await context.Users.AsNoTracking().SingleAsync(u => u.Id == id)).StaffNotes);
        Assert.False(await context.AuditLog.AnyAsync(a => a.EntityId == id));
    }
}
