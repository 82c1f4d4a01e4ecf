using Npgsql;
using Store.Infrastructure;

namespace Store.Tests.Features.Data;

public class NoResetOnCloseTests
{
    [Fact]
    public void ConnectionString_WithoutResetSetting_SkipsTheReset()
    {
        var result = new NpgsqlConnectionStringBuilder(DependencyInjection.WithoutResetOnClose("Host=db;Username=store;Password=x;Database=store"));

        Assert.True(result.NoResetOnClose);
        Assert.Equal("db", result.Host);
        Assert.Equal("store", result.Database);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false")]
    [InlineData("Host=db;NoResetOnClose=false")]
    public void ConnectionString_ThatSetsReset_KeepsItsValue(string connectionString) =>
        Assert.False(new NpgsqlConnectionStringBuilder(DependencyInjection.WithoutResetOnClose(connectionString)).NoResetOnClose);
}
