using System.Net;
using System.Net.Http.Json;
using Store.Domain.Identity;
using Store.Tests.Support;
using static Store.Tests.Api.Identity.StaffFlows;

namespace Store.Tests.Api.Identity;

/// <summary>Browser sessions end when the account signs out or is changed: the sign-in cookie's security stamp is checked on every request.</summary>
public class SessionTests(AccountApiFixture fixture) : IClassFixture<AccountApiFixture>
{
    [Fact]
    public async Task SignOut_WhenACustomersCookieWasCopiedBefore_RefusesTheCopyOnTheOrdersApi()
    {
        const string email = "copied.customer@example.com";
        await fixture.RegisterConfirmedAsync(email);
        var (browser, jar) = Browser(fixture.App);
        await HttpForms.SignInAsync(browser, email, AccountApiFixture.Password);
        var thief = WithCookie(fixture.App, SessionCookie(browser, jar));

        var before = await thief.GetAsync("/api/orders");
        var signedOut = await SignOutAsync(browser);
        var after = await thief.GetAsync("/api/orders");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task SignOut_WhenTheAdminsCookieWasCopiedBefore_RefusesTheCopyOnTheProductCsvExport()
    {
        var (browser, jar) = Browser(fixture.App);
        await HttpForms.SignInAsync(browser, StoreAppFactory.AdminEmail, StoreAppFactory.AdminPassword);
        var thief = WithCookie(fixture.App, SessionCookie(browser, jar));

        var before = await thief.GetAsync("/admin/catalog/products.csv");
        await SignOutAsync(browser);
        var after = await thief.GetAsync("/admin/catalog/products.csv");
        var adminPage = await thief.GetAsync("/admin/orders");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal("text/csv", before.Content.Headers.ContentType?.MediaType);
        Assert.True(IsRedirectTo(after, "/account/login"), $"The copied cookie answered {(int)after.StatusCode} after sign-out.");
        Assert.True(IsRedirectTo(adminPage, "/account/login"), $"The admin page answered {(int)adminPage.StatusCode} after sign-out.");
    }

    [Fact]
    public async Task SignOut_WithoutTheAntiforgeryToken_Is400AndTheSessionStays()
    {
        const string email = "forged.signout@example.com";
        await fixture.RegisterConfirmedAsync(email);
        var (browser, _) = Browser(fixture.App);
        await HttpForms.SignInAsync(browser, email, AccountApiFixture.Password);

        var forged = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        var orders = await browser.GetAsync("/api/orders");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, orders.StatusCode);
    }

    [Fact]
    public async Task PasswordChange_EndsTheAccountsOtherBrowserSessions()
    {
        const string email = "password.changer@example.com";
        await fixture.RegisterConfirmedAsync(email);
        var (laptop, jar) = Browser(fixture.App);
        await HttpForms.SignInAsync(laptop, email, AccountApiFixture.Password);
        var copy = WithCookie(fixture.App, SessionCookie(laptop, jar));
        var app = await AccountApiFixture.LoginAsync(fixture.AppClient(), email);

        var changed = await fixture.AppClient().SendAsync(AccountApiFixture.WithToken(
            HttpMethod.Post, "/api/account/manage/info", app.AccessToken, new { oldPassword = AccountApiFixture.Password, newPassword = "Changed-Pass9" }));
        var laptopAfter = await laptop.GetAsync("/api/orders");
        var copyAfter = await copy.GetAsync("/api/orders");

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, laptopAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, copyAfter.StatusCode);
    }

    [Fact]
    public async Task Disable_EndsTheStaffAccountsOpenSessionAndTokenAndItCannotSignInAgain()
    {
        const string email = "leaving.staff@example.com";
        var id = await AddStaffAsync(fixture, email, StaffRole.Staff);
        var (browser, _) = Browser(fixture.App);
        await HttpForms.SignInAsync(browser, email, StaffPassword);
        var token = await AccountApiFixture.LoginAsync(fixture.AppClient(), email, StaffPassword);

        var before = await browser.GetAsync("/admin/catalog/products.csv");
        var disabled = await WithStaffAsync(fixture, s => s.DisableAsync(id, StoreAppFactory.AdminEmail));
        var session = await browser.GetAsync("/admin/catalog/products.csv");
        var api = await fixture.AppClient().SendAsync(AccountApiFixture.WithToken(HttpMethod.Get, "/api/inventory", token.AccessToken));
        var refresh = await fixture.AppClient().PostAsJsonAsync("/api/account/refresh", new { refreshToken = token.RefreshToken });
        var signIn = await HttpForms.SubmitAsync(Browser(fixture.App).Client, "/account/login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = StaffPassword,
        });
        var apiSignIn = await fixture.AppClient().PostAsJsonAsync("/api/account/login", new { email, password = StaffPassword });

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.True(disabled.IsSuccess, disabled.Error?.Message);
        Assert.True(IsRedirectTo(session, "/account/login"), $"The disabled account's session answered {(int)session.StatusCode}.");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.Contains("disabled by the store", await signIn.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, apiSignIn.StatusCode);
    }

    [Fact]
    public async Task RoleChange_EndsTheOpenSessionAndTheNewSessionHasOnlyTheNewRights()
    {
        const string email = "moved.to.warehouse@example.com";
        var id = await AddStaffAsync(fixture, email, StaffRole.Staff);
        var (browser, _) = Browser(fixture.App);
        await HttpForms.SignInAsync(browser, email, StaffPassword);

        var asStaff = await browser.GetAsync("/admin/catalog/products.csv");
        var changed = await WithStaffAsync(fixture, s => s.ChangeRoleAsync(id, StaffRole.Inventory, StoreAppFactory.AdminEmail));
        var oldSession = await browser.GetAsync("/admin/catalog/products.csv");
        await HttpForms.SignInAsync(browser, email, StaffPassword);
        var export = await browser.GetAsync("/admin/catalog/products.csv");
        var inventory = await browser.GetAsync("/api/inventory");

        Assert.Equal(HttpStatusCode.OK, asStaff.StatusCode);
        Assert.True(changed.IsSuccess, changed.Error?.Message);
        Assert.True(IsRedirectTo(oldSession, "/account/login"), $"The old session answered {(int)oldSession.StatusCode}.");
        Assert.True(IsRedirectTo(export, "/account/access-denied"), $"Inventory on the export answered {(int)export.StatusCode}.");
        Assert.Equal(HttpStatusCode.OK, inventory.StatusCode);
    }
}
