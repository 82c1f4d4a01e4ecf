using Store.Infrastructure.Caching;

namespace Store.Tests.Features.Caching;

public class CacheMessageTests
{
    [Fact]
    public void TryParse_WhenTheMessageCarriesAGeneration_ReturnsItWithTheSenderAndCache()
    {
        Assert.True(CacheMessage.TryParse(CacheMessage.Format("ab12", CacheNames.Catalog, 1764770400123), out var sender, out var cache, out var generation));
        Assert.Equal(("ab12", CacheNames.Catalog, 1764770400123L), (sender, cache, generation!.Value));
    }

    [Fact]
    public void TryParse_WhenTheMessageHasNoGeneration_ReadsAsTheListenNotifyPayloadAlways()
    {
        Assert.Equal("ab12:rates", CacheMessage.Format("ab12", CacheNames.Rates));
        Assert.True(CacheMessage.TryParse("ab12:rates", out var sender, out var cache, out var generation));
        Assert.Equal(("ab12", CacheNames.Rates), (sender, cache));
        Assert.Null(generation);
    }

    [Theory]
    [InlineData("ab12:unknown")]
    [InlineData("ab12:catalog:-4")]
    [InlineData("ab12:catalog:x")]
    [InlineData(":catalog")]
    [InlineData("catalog")]
    [InlineData("a:b:catalog:1")]
    public void TryParse_WhenThePayloadIsNotAMessage_IsFalse(string payload) =>
        Assert.False(CacheMessage.TryParse(payload, out _, out _, out _));
}
