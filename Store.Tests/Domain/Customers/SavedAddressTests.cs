using Store.Domain.Common;
using Store.Domain.Customers;
using Store.Domain.Ordering;

namespace Store.Tests.Domain.Customers;

public class SavedAddressTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static AddressDetails Home(string? country = "us", string? phone = null) =>
        new(" Ada Lovelace ", "1 Main St", "", "Austin", "TX", "78701", country, phone);

    [Fact]
    public void Create_WhenTheBookIsEmpty_IsTheDefaultAndNormalisedAsCheckoutWould()
    {
        var address = SavedAddress.Create(Guid.NewGuid(), "user-1", Home(), alreadySaved: 0, Now).Value;

        Assert.True(address.IsDefault);
        Assert.Equal(new ShippingAddress("Ada Lovelace", "1 Main St", null, "Austin", "TX", "78701", "US"), address.Address);
    }

    [Fact]
    public void Create_WhenTheBookIsFull_IsRefusedAsAConflict()
    {
        var refused = SavedAddress.Create(Guid.NewGuid(), "user-1", Home(), SavedAddress.MaxPerCustomer, Now);

        Assert.Equal("address.limit", refused.Error!.Code);
        Assert.Equal(ErrorKind.Conflict, refused.Error.Kind);
    }

    [Theory]
    [InlineData("USA", null, "Country")]
    [InlineData("US", "call me maybe", "Phone")]
    public void Validate_WhenAFieldBreaksCheckoutsRules_NamesThatField(string country, string? phone, string field)
    {
        var errors = Home(country, phone).Validate();

        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void Change_WhenInvalid_KeepsTheAddressAsItWas()
    {
        var address = SavedAddress.Create(Guid.NewGuid(), "user-1", Home(), 0, Now).Value;

        var refused = address.Change(Home() with { Line1 = "" }, Now.AddMinutes(1));

        Assert.False(refused.IsSuccess);
        Assert.Equal("1 Main St", address.Address.Line1);
        Assert.Equal(Now, address.UpdatedAt);
    }

    [Fact]
    public void Check_RefusesOnlyAnUnconfirmedAccountAndOnlyWhenRequired()
    {
        Assert.Equal(ErrorKind.Forbidden, AccountCheckoutRule.Check(requireConfirmedEmail: true, emailConfirmed: false)!.Kind);
        Assert.Null(AccountCheckoutRule.Check(requireConfirmedEmail: true, emailConfirmed: true));
        Assert.Null(AccountCheckoutRule.Check(requireConfirmedEmail: false, emailConfirmed: false));
    }
}
