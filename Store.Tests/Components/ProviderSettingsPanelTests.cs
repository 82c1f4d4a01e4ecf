using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Data;
using Store.Infrastructure.Identity;
using Store.Infrastructure.Settings.Providers;
using Store.Tests.Support;
using Store.Web.Admin.Settings;
using Store.Web.Identity;

namespace Store.Tests.Components;

/// <summary>The provider part of /admin/settings over the class's own database: who may change secrets, and how they are shown.</summary>
public class ProviderSettingsPanelTests : AdminPageContext, IClassFixture<DatabaseFixture>
{
    private const string WebhookSecretKey = "Payments:Stripe:WebhookSecret";

    public ProviderSettingsPanelTests(DatabaseFixture db)
        : base(db.ConnectionString, "someone@store.local")
    {
    }

    [Fact]
    public void Render_WhenTheUserIsPlainStaff_ShowsTheSettingsReadOnlyWithNoWayToChangeASecret()
    {
        Auth.SetRoles(StoreRoles.Staff);
        Auth.SetPolicies(StorePolicies.Staff);

        var cut = Render<ProviderSettingsPanel>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=providers-read-only]")), TimeSpan.FromSeconds(15));
        Assert.Equal(ProviderDescriptors.All.Count, cut.FindAll("[data-testid=provider]").Count);
        Assert.Empty(cut.FindAll("[data-testid=secret-replace]"));
        Assert.Empty(cut.FindAll("input[type=password]"));
        Assert.Empty(cut.FindAll("[data-testid=providers-save]"));
        Assert.Empty(cut.FindAll("[data-testid=method-add]"));
    }

    [Fact]
    public async Task Save_WhenTheOwnerReplacesASecret_ShowsOnlyItsLastFourAndStoresItEncrypted()
    {
        Auth.SetRoles(StoreRoles.Admin);
        Auth.SetPolicies(StorePolicies.Staff, StorePolicies.Owner);
        var cut = Render<ProviderSettingsPanel>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=providers-save]")), TimeSpan.FromSeconds(15));

        cut.Find($"[data-key='{WebhookSecretKey}'] input[type=password]").Input("whsec_panel_secret_WXYZ");
        await cut.Find("[data-testid=providers-save]").ClickAsync(new());

        cut.WaitForAssertion(
            () => Assert.Equal("•••• WXYZ", cut.Find($"[data-key='{WebhookSecretKey}'] [data-testid=secret-shown]").TextContent),
            TimeSpan.FromSeconds(15));
        Assert.DoesNotContain("whsec_panel_secret", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Saved here", cut.Find($"[data-key='{WebhookSecretKey}'] [data-testid=provider-field-source]").TextContent, StringComparison.Ordinal);
        await using var scope = Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().ProviderSettings.AsNoTracking().SingleAsync(s => s.Key == WebhookSecretKey);
        Assert.True(row.Secret);
        Assert.DoesNotContain("whsec_", row.Value, StringComparison.Ordinal);
        Assert.Equal("someone@store.local", row.UpdatedBy);
    }
}
