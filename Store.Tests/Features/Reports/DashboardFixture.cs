using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Store.Domain.Common;
using Store.Tests.Support;

namespace Store.Tests.Features.Reports;

/// <summary>
/// A class database whose services read a <see cref="TestClock"/> set to a day nothing else in the template happened
/// on, so the period's figures are the test's own orders and the clock can move on to read them from the aggregates.
/// </summary>
public sealed class DashboardFixture : DatabaseFixture
{
    public static readonly DateTimeOffset Noon = new(2029, 3, 14, 12, 0, 0, TimeSpan.Zero);

    public TestClock Clock { get; } = new(Noon);

    /// <summary>The class's orders, seeded by its first test (xUnit makes a new test class object per test).</summary>
    public EveryStateOrders? Seeded { get; set; }

    protected override void ConfigureServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<IClock>(Clock);
}
