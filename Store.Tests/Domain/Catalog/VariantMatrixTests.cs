using Store.Domain.Catalog;

namespace Store.Tests.Domain.Catalog;

public class VariantMatrixTests
{
    [Fact]
    public void Combinations_GivesOneRowPerValueOfEachOption_FirstOptionSlowest()
    {
        var rows = VariantMatrix.Combinations([OptionSpec.Parse("Size", "S, M"), OptionSpec.Parse("Colour", "Red,Blue, red")]);

        Assert.Equal(["S / Red", "S / Blue", "M / Red", "M / Blue"], rows.Select(VariantMatrix.Title));
    }

    [Fact]
    public void WhyInvalid_WhenOptionsMakeTooManyVariants_Refuses()
    {
        var many = Enumerable.Range(1, 11).Select(i => i.ToString()).ToList();

        Assert.Contains("more than 100", VariantMatrix.WhyInvalid([new("A", many), new("B", many)]));
        Assert.Contains("same name", VariantMatrix.WhyInvalid([new("Size", ["S"]), new("size", ["M"])]));
    }

    [Fact]
    public void AddVariant_FromOptions_FillsSizeAndColourForTheStorefrontFilters()
    {
        var product = new Product("Tee", "tee", "", null, 1, "USD", DateTimeOffset.UnixEpoch);
        Assert.Null(product.SetOptions([OptionSpec.Parse("Colour", "Red"), OptionSpec.Parse("Size", "S, M")]));

        var variant = product.AddVariant("tee-red-s", ["Red", "S"], 1500);

        Assert.Equal(("TEE-RED-S", "Red / S", "S", "Red"), (variant.Sku, variant.Title, variant.Size, variant.Colour));
        Assert.Throws<InvalidOperationException>(() => product.AddVariant("TEE-2", ["Red", "S"], 1500));
        Assert.Throws<ArgumentException>(() => product.AddVariant("TEE-3", ["Green", "S"], 1500));
    }

    [Fact]
    public void SetOptions_WhenAVariantUsesAValue_RefusesToDropIt()
    {
        var product = new Product("Tee", "tee", "", null, 1, "USD", DateTimeOffset.UnixEpoch);
        product.SetOptions([OptionSpec.Parse("Size", "S, M")]);
        product.AddVariant("TEE-S", ["S"], 1500);

        Assert.Contains("used by variant TEE-S", product.SetOptions([OptionSpec.Parse("Size", "M, L")]));
        Assert.Null(product.SetOptions([OptionSpec.Parse("Size", "S, M, L")]));
        Assert.Contains("cannot be added, removed or reordered", product.SetOptions([OptionSpec.Parse("Size", "S"), OptionSpec.Parse("Colour", "Red")]));
    }

    [Theory]
    [InlineData(AttributeType.Bool, "Yes", "true")]
    [InlineData(AttributeType.Bool, "maybe", null)]
    [InlineData(AttributeType.Number, "12.50", "12.50")]
    [InlineData(AttributeType.Number, "12,5", null)]
    [InlineData(AttributeType.Text, "  merino ", "merino")]
    public void AttributeValues_AreStoredInOneSpellingPerType(AttributeType type, string value, string? stored)
    {
        Assert.Equal(stored, AttributeValues.Normalise(type, value));
    }
}
