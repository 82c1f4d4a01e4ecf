using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Domain.Ordering;
using Store.Infrastructure.Data;
using Store.Infrastructure.Identity;

namespace Store.Tests.Support;

/// <summary>Customer accounts with a past, written straight into the class's database for the customers pages' tests.</summary>
public static class CustomerScenario
{
    public static async Task<string> CustomerAsync(DatabaseFixture db, string email, string name, DateTimeOffset since, string? group = null)
    {
        await using var scope = db.Scope();
        var users = db.Get<UserManager<StoreUser>>(scope);
        var user = new StoreUser { UserName = email, Email = email, DisplayName = name, CreatedAt = since, CustomerGroup = group, EmailConfirmed = true };
        var created = await users.CreateAsync(user);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        return user.Id;
    }

    /// <summary>An order of <paramref name="totalMinor"/> placed at <paramref name="at"/>, paid unless told otherwise, with a refund if given.</summary>
    public static async Task<Guid> OrderAsync(DatabaseFixture db, string customerId, string email, DateTimeOffset at, long totalMinor, bool paid = true, long refundedMinor = 0)
    {
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        var variant = await context.Variants.AsNoTracking().OrderBy(v => v.Id).FirstAsync();
        var number = (await context.Database.SqlQuery<long>($"SELECT nextval('order_numbers') AS \"Value\"").ToListAsync()).Single();
        var address = new ShippingAddress("Test Customer", "1 Main St", null, "Portland", "ME", "04101", "US");
        var order = Order.Place(Guid.NewGuid(), number, customerId, email, address, "USD", [new OrderLine(variant.Id, "Demo", variant.Title, variant.Sku, totalMinor, 1)], 0, null, null, at).Value;
        if (paid)
        {
            Assert.True(order.MarkPaid("payments", at.AddMinutes(1)).IsSuccess);
        }

        if (refundedMinor > 0)
        {
            Assert.True(order.RecordRefund(refundedMinor, "staff", "Test refund", at.AddDays(1)).IsSuccess);
        }

        context.Orders.Add(order);
        await context.SaveChangesAsync();
        return order.Id;
    }
}
