using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Store.Domain.Identity;
using Store.Infrastructure.Settings;
using Store.Tests.Support;
using static Store.Tests.Api.Identity.StaffFlows;

namespace Store.Tests.Api.Identity;

/// <summary>Authenticator-app sign-in for staff, with the store's "require two-factor for staff" setting on.</summary>
public partial class TwoFactorTests(AccountApiFixture fixture) : IClassFixture<AccountApiFixture>
{
    private WebApplicationFactory<Program> Required => fixture.WithSettings(new Dictionary<string, string?> { ["Store:Staff:RequireTwoFactor"] = "true" });

    [Fact]
    public async Task RequiredTwoFactor_WhenTheStaffAccountHasNone_SendsItToSetUpAndTheApiAnswers403()
    {
        var app = Required;
        const string email = "no.phone.yet@example.com";
        await AddStaffAsync(fixture, email, StaffRole.Staff);
        var (browser, _) = Browser(app);
        await HttpForms.SignInAsync(browser, email, StaffPassword);
        var token = (await AccountApiFixture.LoginAsync(fixture.AppClient(app), email, StaffPassword)).AccessToken;

        var admin = await browser.GetAsync("/admin");
        var api = await fixture.AppClient(app).SendAsync(AccountApiFixture.WithToken(HttpMethod.Get, "/api/inventory", token));
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        var cookieApi = await browser.GetAsync("/api/inventory");

        Assert.True(IsRedirectTo(admin, "/account/two-factor?returnUrl=%2Fadmin"), $"/admin answered {(int)admin.StatusCode} {admin.Headers.Location}");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains("two-factor", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, cookieApi.StatusCode);
    }

    [Fact]
    public async Task RequiredTwoFactor_AfterSetUp_SignInNeedsTheCodeAndAValidCodeReachesTheAdmin()
    {
        var app = Required;
        const string email = "careful.staff@example.com";
        await AddStaffAsync(fixture, email, StaffRole.Staff);
        var (setUp, _) = Browser(app);
        await HttpForms.SignInAsync(setUp, email, StaffPassword);
        var (key, codes) = await EnableAsync(setUp);
        var afterSetUp = await setUp.GetAsync("/admin");

        var (browser, _) = Browser(app);
        var password = await PasswordStepAsync(browser, email);
        var withoutCode = await browser.GetAsync("/admin");
        var wrong = await CodeStepAsync(browser, code: "000000");
        var right = await CodeStepAsync(browser, code: Totp.Code(key));
        var admin = await browser.GetAsync("/admin");
        var tokenWithoutCode = await fixture.AppClient(app).PostAsJsonAsync("/api/account/login", new { email, password = StaffPassword });
        var tokenWithCode = await fixture.AppClient(app).PostAsJsonAsync("/api/account/login", new { email, password = StaffPassword, twoFactorCode = Totp.Code(key) });
        var accessToken = (await tokenWithCode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        var api = await fixture.AppClient(app).SendAsync(AccountApiFixture.WithToken(HttpMethod.Get, "/api/inventory", accessToken));

        Assert.Equal(10, codes.Count);
        Assert.Equal(HttpStatusCode.OK, afterSetUp.StatusCode);
        Assert.True(IsRedirectTo(password, "/account/login-2fa"), $"The password step answered {(int)password.StatusCode} {password.Headers.Location}");
        Assert.True(IsRedirectTo(withoutCode, "/account/login"), $"/admin without the code answered {(int)withoutCode.StatusCode}");
        Assert.Contains("That code is not right", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tokenWithoutCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnceOnly()
    {
        var app = Required;
        const string email = "lost.phone@example.com";
        await AddStaffAsync(fixture, email, StaffRole.Inventory);
        var (setUp, _) = Browser(app);
        await HttpForms.SignInAsync(setUp, email, StaffPassword);
        var (_, codes) = await EnableAsync(setUp);

        var (first, _) = Browser(app);
        await PasswordStepAsync(first, email);
        var used = await CodeStepAsync(first, recoveryCode: codes[0]);
        var panel = await first.GetAsync("/admin/inventory");
        var (second, _) = Browser(app);
        await PasswordStepAsync(second, email);
        var reused = await CodeStepAsync(second, recoveryCode: codes[0]);

        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal(HttpStatusCode.OK, panel.StatusCode);
        Assert.Contains("That code is not right", await reused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SetUpPage_WhenTheCodeIsWrong_SaysSoAndLeavesTwoFactorOff()
    {
        const string email = "typo@example.com";
        await AddStaffAsync(fixture, email, StaffRole.Staff);
        var (browser, _) = Browser(fixture.App);
        await HttpForms.SignInAsync(browser, email, StaffPassword);

        var page = await browser.GetStringAsync("/account/two-factor");
        var wrong = await HttpForms.SubmitAsync(browser, "/account/two-factor", "enable-two-factor", new Dictionary<string, string> { ["Input.Code"] = "123456x" });
        var again = await browser.GetStringAsync("/account/two-factor");

        Assert.Contains("<svg", page);
        Assert.Contains("That code is not right", await wrong.Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"shared-key\"", again);
    }

    [Fact]
    public async Task RequireTwoFactorSetting_WhenTheOwnerSavesIt_AppliesAtOnceAndNonsenseIsRefused()
    {
        const string email = "setting.applies@example.com";
        await AddStaffAsync(fixture, email, StaffRole.Inventory);
        var token = (await AccountApiFixture.LoginAsync(fixture.AppClient(), email, StaffPassword)).AccessToken;
        var before = await fixture.AppClient().SendAsync(AccountApiFixture.WithToken(HttpMethod.Get, "/api/inventory", token));
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<SettingsService>();

        var nonsense = await settings.SaveAsync(new Dictionary<string, string?> { [SettingKeys.RequireTwoFactorForStaff] = "sometimes" }, StoreAppFactory.AdminEmail);
        var saved = await settings.SaveAsync(new Dictionary<string, string?> { [SettingKeys.RequireTwoFactorForStaff] = "true" }, StoreAppFactory.AdminEmail);
        var after = await fixture.AppClient().SendAsync(AccountApiFixture.WithToken(HttpMethod.Get, "/api/inventory", token));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal("settings.require-two-factor", nonsense.Error?.Code);
        Assert.True(saved.IsSuccess, saved.Error?.Message);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
    }

    /// <summary>Reads the key off the set-up page, as a phone would from the QR code, and turns two-factor on with its code.</summary>
    private static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableAsync(HttpClient browser)
    {
        var page = await browser.GetStringAsync("/account/two-factor?returnUrl=%2Fadmin");
        var key = SharedKey().Match(page);
        Assert.True(key.Success, "No shared key on the set-up page.");
        var enabled = await HttpForms.SubmitAsync(browser, "/account/two-factor?returnUrl=%2Fadmin", "enable-two-factor", new Dictionary<string, string>
        {
            ["Input.Code"] = Totp.Code(key.Groups[1].Value),
        });
        var html = await enabled.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"recovery-codes\"", html);
        return (key.Groups[1].Value, RecoveryCode().Matches(html[html.IndexOf("recovery-codes", StringComparison.Ordinal)..]).Select(m => m.Groups[1].Value).ToList());
    }

    private static Task<HttpResponseMessage> PasswordStepAsync(HttpClient browser, string email) =>
        HttpForms.SubmitAsync(browser, "/account/login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = StaffPassword,
        });

    private static Task<HttpResponseMessage> CodeStepAsync(HttpClient browser, string code = "", string recoveryCode = "") =>
        HttpForms.SubmitAsync(browser, "/account/login-2fa", "login-2fa", new Dictionary<string, string>
        {
            ["Input.Code"] = code,
            ["Input.RecoveryCode"] = recoveryCode,
        });

    [GeneratedRegex("data-testid=\"shared-key\">([a-z0-9 ]+)</code>")]
    private static partial Regex SharedKey();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCode();
}
