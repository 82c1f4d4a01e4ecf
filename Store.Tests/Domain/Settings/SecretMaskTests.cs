using Store.Domain.Settings;

namespace Store.Tests.Domain.Settings;

public class SecretMaskTests
{
    [Fact]
    public void Mask_WhenTheSecretIsLong_ShowsOnlyItsLastFour()
    {
        Assert.Equal("•••• 9xYz", SecretMask.Mask("sk_test_51ABCDEFGH9xYz"));
    }

    [Fact]
    public void Mask_WhenTheSecretIsShort_ShowsNoneOfIt()
    {
        Assert.Equal("••••", SecretMask.Mask("short-key"));
        Assert.Equal("", SecretMask.Mask(null));
    }
}
