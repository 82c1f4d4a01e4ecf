using Store.Domain.Inventory;

namespace Store.Tests.Domain.Inventory;

public class LocationAndSupplierTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Retire_WhenStockIsStillThere_IsRefusedAndSaysToTransferFirst()
    {
        var location = Location.Create("back-room", "Back room", 2).Value;

        var result = location.Retire(unitsOnHand: 3, unitsReserved: 1, activeLocations: 2, Now);

        Assert.Equal("location.not-empty", result.Error!.Code);
        Assert.Contains("Transfer", result.Error.Message);
        Assert.True(location.IsActive);
    }

    [Fact]
    public void Retire_WhenEmptyAndAnotherLocationRemains_RetiresIt()
    {
        var location = Location.Create("BACK", "Back room", 2).Value;

        Assert.True(location.Retire(0, 0, activeLocations: 2, Now).IsSuccess);
        Assert.Equal(Now, location.RetiredAt);
        Assert.Equal("location.retired", location.Retire(0, 0, 2, Now).Error!.Code);
    }

    [Fact]
    public void Retire_WhenItIsTheLastActiveLocation_IsRefused()
    {
        var location = Location.Create("MAIN", "Main", 1).Value;

        Assert.Equal("location.last", location.Retire(0, 0, activeLocations: 1, Now).Error!.Code);
    }

    [Theory]
    [InlineData("", "Main", 1, "location.code")]
    [InlineData("two words", "Main", 1, "location.code")]
    [InlineData("MAIN", " ", 1, "location.name")]
    [InlineData("MAIN", "Main", -1, "location.priority")]
    public void Create_WhenInputIsBad_SaysWhich(string code, string name, int priority, string error) =>
        Assert.Equal(error, Location.Create(code, name, priority).Error!.Code);

    [Fact]
    public void Create_NormalisesTheCodeToUpperCase() =>
        Assert.Equal("EAST-2", Location.Create(" east-2 ", "East", 3).Value.Code);

    [Fact]
    public void ShipFromAddress_WhenCountryIsNotATwoLetterCode_IsRefused() =>
        Assert.Equal("address.country", ShipFromAddress.Create("1 Main St", null, "Springfield", "IL", "62701", "USA").Error!.Code);

    [Fact]
    public void Supplier_Create_KeepsContactLeadTimeAndTerms()
    {
        var supplier = Supplier.Create(" Acme ", "orders@acme.example", "Wile E.", "+1 555 0100", 12, "Net 30").Value;

        Assert.Equal(("Acme", 12, "Net 30", "Wile E."), (supplier.Name, supplier.LeadTimeDays, supplier.Terms, supplier.ContactName));
    }

    [Theory]
    [InlineData("", "a@b.example", 7, "supplier.name")]
    [InlineData("Acme", "not-an-email", 7, "supplier.email")]
    [InlineData("Acme", "a@b.example", 400, "supplier.lead-time")]
    public void Supplier_Create_WhenInputIsBad_SaysWhich(string name, string email, int leadTime, string error) =>
        Assert.Equal(error, Supplier.Create(name, email, null, null, leadTime, null).Error!.Code);
}
