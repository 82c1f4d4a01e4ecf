using Microsoft.Extensions.Primitives;
using Store.Domain.Catalog;
using Store.Infrastructure.Search;

namespace Store.Tests.Features.Search;

public class SearchQueryParserTests
{
    [Fact]
    public void Parse_WhenAnAttributeKeyRepeats_KeepsItsValuesTrimmedWithoutBlanksOrDuplicates()
    {
        var (query, errors) = Parse(new()
        {
            ["a.material"] = new StringValues(["wool", " cotton ", "", "wool"]),
            ["a.waterproof"] = "true",
            ["a.lining"] = " ",
            ["brand"] = "Northwind",
        });

        Assert.Empty(errors);
        Assert.Equal(["material", "waterproof"], query.Attributes.Keys.Order());
        Assert.Equal(["wool", "cotton"], query.Attributes["material"]);
        Assert.Equal(["true"], query.Attributes["waterproof"]);
        Assert.True(query.HasFilters);
    }

    [Fact]
    public void Parse_WhenMoreThanTenCodes_ReportsItAndKeepsTen()
    {
        var (query, errors) = Parse(Enumerable.Range(0, 11).ToDictionary(i => $"a.code-{i:D2}", _ => new StringValues("x")));

        Assert.Contains("a", errors.Keys);
        Assert.Equal(SearchQueryParser.MaxAttributeCodes, query.Attributes.Count);
    }

    [Theory]
    [InlineData("a.Material", "wool")]
    [InlineData("a.", "wool")]
    [InlineData("a.bad code", "wool")]
    [InlineData("a.material", null)]
    public void Parse_WhenACodeIsMisspeltOrAValueTooLong_ReportsItAndLeavesItOut(string key, string? value)
    {
        var (query, errors) = Parse(new() { [key] = value ?? new string('x', AttributeValues.MaxLength + 1) });

        Assert.Equal([key], errors.Keys);
        Assert.Empty(query.Attributes);
    }

    [Fact]
    public void Parse_WhenAValueIsAsLongAsAStoredValueMayBe_AcceptsIt()
    {
        var (query, errors) = Parse(new() { ["a.material"] = new string('x', AttributeValues.MaxLength) });

        Assert.Empty(errors);
        Assert.Single(query.Attributes);
    }

    private static (SearchQuery Query, Dictionary<string, string[]> Errors) Parse(Dictionary<string, StringValues> parameters) =>
        SearchQueryParser.Parse(null, null, null, null, null, null, null, null, null, null, parameters);
}
