using Npgsql;
using Store.Infrastructure;

namespace Store.Tests.Features.Data;

public class AutoPrepareTests
{
    [Fact]
    public void ConnectionString_WithoutAutoPrepare_GetsIt()
    {
        var result = new NpgsqlConnectionStringBuilder(DependencyInjection.WithAutoPrepare("Host=db;Username=store;Password=x;Database=store"));

        Assert.Equal(128, result.MaxAutoPrepare);
        Assert.Equal("db", result.Host);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=20", 20)]
    public void ConnectionString_ThatSetsAutoPrepare_KeepsItsValue(string connectionString, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(DependencyInjection.WithAutoPrepare(connectionString)).MaxAutoPrepare);
}
