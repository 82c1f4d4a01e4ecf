using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Store.Infrastructure;
using Store.Infrastructure.Data;
using Store.Infrastructure.Outbox;
using Store.Tests.Support;
using Store.Web.Admin.Operations;

namespace Store.Tests.Components;

/// <summary>The admin outbox page over the class's own database (the page's service is the real one).</summary>
public class OutboxPageTests : AdminPageContext, IClassFixture<DatabaseFixture>
{
    private readonly DatabaseFixture db;

    public OutboxPageTests(DatabaseFixture db)
        : base(db.ConnectionString, "staff@store.local")
    {
        this.db = db;
    }

    [Fact]
    public async Task Retry_WhenAMessageIsParked_RequeuesItAndRecordsWhoDidIt()
    {
        var parked = new OutboxMessage(Guid.NewGuid(), "order.paid", "{}", DateTimeOffset.UtcNow.AddMinutes(-30));
        parked.MarkFailed("SmtpException: mailbox unavailable", DateTimeOffset.UtcNow);
        parked.Park(DateTimeOffset.UtcNow);
        await using (var scope = db.Scope())
        {
            var context = db.Get<StoreDbContext>(scope);
            context.OutboxMessages.Add(parked);
            await context.SaveChangesAsync();
        }

        var cut = Render<OutboxPage>();
        cut.WaitForAssertion(() => Assert.Contains("SmtpException: mailbox unavailable", cut.Find("[data-testid=outbox-messages]").TextContent), TimeSpan.FromSeconds(15));
        Assert.Matches(@"Parked\s*1\b", cut.Find("[data-testid=outbox-counts]").TextContent);

        await cut.Find("[data-testid=outbox-messages] button").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=outbox-messages] button")), TimeSpan.FromSeconds(15));
        await using (var scope = db.Scope())
        {
            var context = db.Get<StoreDbContext>(scope);
            var requeued = await context.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == parked.Id);
            Assert.Null(requeued.ParkedAt);
            Assert.Equal(0, requeued.Attempts);
            Assert.True(await context.AuditLog.AnyAsync(a => a.Action == "outbox.requeued" && a.EntityId == parked.Id.ToString() && a.Actor == "staff@store.local"));
        }
    }
}
