using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Store.Tests.Api.Identity;
using Store.Tests.Support;
using static Store.Tests.Api.Customers.CustomerSteps;
using static Store.Tests.Api.Identity.AccountApiFixture;

namespace Store.Tests.Api.Customers;

public class EmailAndSessionTests(AccountApiFixture fixture) : IClassFixture<AccountApiFixture>
{
    private static readonly Dictionary<string, string?> ConfirmationRequired = new() { ["Store:Customers:RequireConfirmedEmail"] = "true" };

    [Fact]
    public async Task PlaceOrder_WhenConfirmationIsRequired_Answers403UntilTheAccountConfirmsFromItsMail()
    {
        var app = fixture.WithSettings(ConfirmationRequired);
        var client = fixture.AppClient(app);
        const string email = "unconfirmed.app@example.com";
        await client.PostAsJsonAsync("/api/account/register", new { email, password = Password });
        var mail = await fixture.MailToAsync(email, app);
        var tokens = await LoginAsync(client, email);
        await AddToCartAsync(client, tokens.AccessToken);

        var refused = await client.SendAsync(WithToken(HttpMethod.Post, "/api/orders", tokens.AccessToken, Address(email)));
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var ordersBefore = await QueryAsync(app, db => Task.FromResult(db.Orders.Count(o => o.Email == email)));
        var confirmed = await client.GetStringAsync(LinkIn(mail, "/account/confirm-email"));
        var placed = await client.SendAsync(WithToken(HttpMethod.Post, "/api/orders", tokens.AccessToken, Address(email)));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("checkout.email-unconfirmed", problem.GetProperty("code").GetString());
        Assert.Equal(0, ordersBefore);
        Assert.Contains("data-testid=\"email-confirmed\"", confirmed);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
    }

    [Fact]
    public async Task CheckoutPage_WhenConfirmationIsRequired_SaysSoAndResendsTheLinkThatUnblocksIt()
    {
        var app = fixture.WithSettings(ConfirmationRequired);
        var browser = fixture.Browser(app);
        const string email = "unconfirmed.web@example.com";
        var registered = await HttpForms.SubmitAsync(browser, "/account/register", "register", new Dictionary<string, string>
        {
            ["Input.Name"] = "Web Shopper",
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        });
        var registrationMail = await fixture.MailToAsync(email, app);
        var product = await browser.GetFromJsonAsync<JsonElement>("/api/products/alpine-tee");
        var variant = product.GetProperty("variants").EnumerateArray().First(v => v.GetProperty("available").GetInt32() > 0).GetProperty("id").GetInt32();
        await browser.PostAsJsonAsync("/api/cart/add", new { variantId = variant, quantity = 1 });

        var checkout = await browser.GetStringAsync("/checkout");
        var resent = await PostFormAsync(browser, "/checkout", "/account/resend-confirmation", new Dictionary<string, string> { ["returnUrl"] = "/checkout" });
        var resentMail = await fixture.MailToAsync(email, app);
        await browser.GetStringAsync(LinkIn(resentMail, "/account/confirm-email"));
        var after = await browser.GetStringAsync("/checkout");

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Contains("Confirm your email", registrationMail.Message.Subject);
        Assert.Contains("data-testid=\"email-unconfirmed\"", checkout);
        Assert.Equal("/checkout?sent=confirmation", resent.Headers.Location?.OriginalString);
        Assert.Contains("Confirm your email", resentMail.Message.Subject);
        Assert.DoesNotContain("data-testid=\"email-unconfirmed\"", after);
    }

    [Fact]
    public async Task ChangeEmail_NeedsTheLinkSentToTheNewAddressThenSignsInWithIt()
    {
        const string oldEmail = "mover.old@example.com";
        const string newEmail = "mover.new@example.com";
        await fixture.RegisterConfirmedAsync(oldEmail);
        var browser = fixture.Browser();
        await HttpForms.SignInAsync(browser, oldEmail, Password);

        var asked = await HttpForms.SubmitAsync(browser, "/account", "change-email", new Dictionary<string, string> { ["EmailInput.NewEmail"] = newEmail });
        var mails = await fixture.DeliverAsync();
        var beforeLink = await fixture.AppClient().PostAsJsonAsync("/api/account/login", new { email = newEmail, password = Password });
        var link = Assert.Single(mails, m => m.Recipients.Contains(newEmail));
        var notice = Assert.Single(mails, m => m.Recipients.Contains(oldEmail));
        var confirmed = await fixture.AppClient().GetStringAsync(LinkIn(link, "/account/confirm-email"));
        var withNew = await fixture.AppClient().PostAsJsonAsync("/api/account/login", new { email = newEmail, password = Password });
        var withOld = await fixture.AppClient().PostAsJsonAsync("/api/account/login", new { email = oldEmail, password = Password });

        Assert.Contains("We have sent a link to the new address", await asked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, beforeLink.StatusCode);
        Assert.Contains("about to change", notice.Message.Subject);
        Assert.DoesNotContain(newEmail, notice.Message.TextBody);
        Assert.Contains("data-testid=\"email-confirmed\"", confirmed);
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withOld.StatusCode);
    }

    [Fact]
    public async Task ChangeEmail_ToAnAddressAnotherAccountHas_AnswersAlikeAndMailsThatAddressNothing()
    {
        const string mine = "taker@example.com";
        const string theirs = "taken@example.com";
        await fixture.RegisterConfirmedAsync(mine);
        await fixture.RegisterConfirmedAsync(theirs);
        var browser = fixture.Browser();
        await HttpForms.SignInAsync(browser, mine, Password);

        var taken = await HttpForms.SubmitAsync(browser, "/account", "change-email", new Dictionary<string, string> { ["EmailInput.NewEmail"] = theirs });
        var mails = await fixture.DeliverAsync();
        var free = await HttpForms.SubmitAsync(browser, "/account", "change-email", new Dictionary<string, string> { ["EmailInput.NewEmail"] = "free.address@example.com" });
        await fixture.DeliverAsync();

        Assert.Equal(Message(await free.Content.ReadAsStringAsync()), Message(await taken.Content.ReadAsStringAsync()));
        Assert.DoesNotContain(mails, m => m.Recipients.Contains(theirs));
        Assert.Single(mails, m => m.Recipients.Contains(mine));
    }

    [Fact]
    public async Task ChangePassword_OnTheAccountPage_EndsTheAppsTokensAndOnlyTheNewPasswordSignsIn()
    {
        const string email = "new.password@example.com";
        await fixture.RegisterConfirmedAsync(email);
        var phone = await LoginAsync(fixture.AppClient(), email);
        var browser = fixture.Browser();
        await HttpForms.SignInAsync(browser, email, Password);

        var wrong = await HttpForms.SubmitAsync(browser, "/account", "change-password", new Dictionary<string, string>
        {
            ["PasswordInput.CurrentPassword"] = "Not-It-1",
            ["PasswordInput.NewPassword"] = "Brand-New-Pass3",
        });
        var changed = await HttpForms.SubmitAsync(browser, "/account", "change-password", new Dictionary<string, string>
        {
            ["PasswordInput.CurrentPassword"] = Password,
            ["PasswordInput.NewPassword"] = "Brand-New-Pass3",
        });
        var phoneAfter = await fixture.AppClient().SendAsync(WithToken(HttpMethod.Get, "/api/orders", phone.AccessToken));
        var browserAfter = await browser.GetAsync("/account");
        var oldPassword = await fixture.AppClient().PostAsJsonAsync("/api/account/login", new { email, password = Password });
        var newPassword = await fixture.AppClient().PostAsJsonAsync("/api/account/login", new { email, password = "Brand-New-Pass3" });

        Assert.Contains("That is not your current password.", await wrong.Content.ReadAsStringAsync());
        Assert.Contains("Your password is changed.", await changed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, phoneAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, browserAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newPassword.StatusCode);
    }

    [Fact]
    public async Task SignOutEverywhere_EndsThisBrowsersSessionAndEveryAppToken()
    {
        const string email = "everywhere@example.com";
        await fixture.RegisterConfirmedAsync(email);
        var phone = await LoginAsync(fixture.AppClient(), email);
        var browser = fixture.Browser();
        await HttpForms.SignInAsync(browser, email, Password);

        var signedOut = await HttpForms.SubmitAsync(browser, "/account", "sign-out-everywhere", new Dictionary<string, string>());
        var phoneAfter = await fixture.AppClient().SendAsync(WithToken(HttpMethod.Get, "/api/orders", phone.AccessToken));
        var refresh = await fixture.AppClient().PostAsJsonAsync("/api/account/refresh", new { refreshToken = phone.RefreshToken });
        var browserAfter = await browser.GetAsync("/account");

        Assert.EndsWith("/account/login", signedOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, phoneAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.Contains("/account/login", browserAfter.Headers.Location?.OriginalString);
    }

    private static string Message(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"account-message\">([^<]*)<");
        Assert.True(match.Success, "No account message on the page.");
        return match.Groups[1].Value;
    }
}
