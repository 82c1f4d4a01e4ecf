using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Store.Infrastructure;
using Store.Tests.Support;
using Store.Web.Admin.Settings;

namespace Store.Tests.Components;

/// <summary>The admin tax page over the class's own database (the page's service is the real one).</summary>
public class TaxPageTests : AdminPageContext, IClassFixture<DatabaseFixture>
{
    public TaxPageTests(DatabaseFixture db)
        : base(db.ConnectionString, "staff@store.local")
    {
    }

    [Fact]
    public async Task Save_WhenTheFormIsEmpty_ShowsTheMessagesInTheForm()
    {
        var cut = Render<TaxPage>();
        cut.WaitForAssertion(() => Assert.Contains("California sales tax", cut.Find("[data-testid=tax-zones]").TextContent), TimeSpan.FromSeconds(15));
        Assert.Contains("exclude tax", cut.Find("[data-testid=tax-mode]").TextContent);

        await cut.Find("[data-testid=tax-zone-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Country is a two-letter code", cut.Find("[data-testid=tax-zone-form]").TextContent), TimeSpan.FromSeconds(15));
        Assert.Contains("A name of 1 to 100 characters is required.", cut.Find("[data-testid=tax-zone-form]").TextContent);
    }
}
