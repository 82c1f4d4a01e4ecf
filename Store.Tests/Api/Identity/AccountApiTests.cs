using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Store.Tests.Support;
using static Store.Tests.Api.Identity.AccountApiFixture;

namespace Store.Tests.Api.Identity;

public class AccountApiTests(AccountApiFixture fixture) : IClassFixture<AccountApiFixture>
{
    [Fact]
    public async Task AppClient_WhenItRegistersConfirmsAndSignsIn_BuysWithItsTokenAndReadsTheOrderBack()
    {
        var client = fixture.AppClient();
        const string email = "phone.buyer@example.com";

        var registered = await client.PostAsJsonAsync("/api/account/register", new { email, password = Password });
        var confirmMail = await fixture.MailToAsync(email);
        var confirmation = await client.GetStringAsync(LinkIn(confirmMail, "/account/confirm-email"));
        var tokens = await LoginAsync(client, email);
        var info = await (await client.SendAsync(WithToken(HttpMethod.Get, "/api/account/manage/info", tokens.AccessToken))).Content.ReadFromJsonAsync<JsonElement>();

        var product = await client.GetFromJsonAsync<JsonElement>("/api/products/alpine-tee");
        var variant = product.GetProperty("variants").EnumerateArray().First(v => v.GetProperty("available").GetInt32() > 0).GetProperty("id").GetInt32();
        var added = await client.SendAsync(WithToken(HttpMethod.Post, "/api/cart/add", tokens.AccessToken, new { variantId = variant, quantity = 1 }));
        var address = new { email, name = "Phone Buyer", line1 = "1 Main St", city = "Austin", region = "TX", postalCode = "78701", country = "US" };
        var placed = await client.SendAsync(WithToken(HttpMethod.Post, "/api/orders", tokens.AccessToken, address));
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();
        var payment = await client.SendAsync(WithToken(HttpMethod.Post, "/api/payments", tokens.AccessToken, new { orderId }));
        var redirect = (await payment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("redirectUrl").GetString()!;

        // The app opens the provider's hosted page in the phone's browser, which keeps its own cookies.
        var paid = await HttpForms.SubmitAsync(fixture.Browser(), redirect, "pay", new Dictionary<string, string>
        {
            ["Input.Number"] = "4242424242424242",
            ["Input.Expiry"] = "12/30",
            ["Input.Cvc"] = "123",
        });
        var orders = await client.SendAsync(WithToken(HttpMethod.Get, "/api/orders", tokens.AccessToken));
        var mine = (await orders.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.Contains("Confirm your email", confirmMail.Message.Subject);
        Assert.Contains("data-testid=\"email-confirmed\"", confirmation);
        Assert.Equal(3600, tokens.ExpiresIn);
        Assert.True(info.GetProperty("isEmailConfirmed").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.False(added.Headers.Contains("Set-Cookie"), "A signed-in app's cart is its account's: no cart cookie.");
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, payment.StatusCode);
        Assert.EndsWith($"/orders/{orderId}/confirmation", paid.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, orders.StatusCode);
        var order = Assert.Single(mine);
        Assert.Equal(orderId, order.GetProperty("id").GetGuid());
        Assert.Equal("Paid", order.GetProperty("status").GetString());
    }

    [Fact]
    public async Task AccessToken_WhenExpired_Answers401AndTheRefreshTokenGetsANewOne()
    {
        const string email = "expiry@example.com";
        await fixture.RegisterConfirmedAsync(email);
        var client = fixture.AppClient();
        var tokens = await LoginAsync(client, email);

        var fresh = await client.SendAsync(WithToken(HttpMethod.Get, "/api/orders", tokens.AccessToken));
        fixture.Time.Advance(TimeSpan.FromMinutes(61));
        var expired = await client.SendAsync(WithToken(HttpMethod.Get, "/api/orders", tokens.AccessToken));
        var refreshed = await client.PostAsJsonAsync("/api/account/refresh", new { refreshToken = tokens.RefreshToken });
        var renewed = (await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        var again = await client.SendAsync(WithToken(HttpMethod.Get, "/api/orders", renewed));

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("Bearer", expired.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Tokens_AfterPasswordChange_AreRefusedAndRefreshAnswers401()
    {
        const string email = "changer@example.com";
        await fixture.RegisterConfirmedAsync(email);
        var client = fixture.AppClient();
        var phone = await LoginAsync(client, email);
        var tablet = await LoginAsync(client, email);

        var changed = await client.SendAsync(WithToken(HttpMethod.Post, "/api/account/manage/info", phone.AccessToken, new { oldPassword = Password, newPassword = "Changed-Pass2" }));
        var oldAccess = await client.SendAsync(WithToken(HttpMethod.Get, "/api/orders", tablet.AccessToken));
        var oldRefresh = await client.PostAsJsonAsync("/api/account/refresh", new { refreshToken = tablet.RefreshToken });
        var oldPassword = await client.PostAsJsonAsync("/api/account/login", new { email, password = Password });
        var newLogin = await LoginAsync(client, email, "Changed-Pass2");
        var newAccess = await client.SendAsync(WithToken(HttpMethod.Get, "/api/orders", newLogin.AccessToken));

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldAccess.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldRefresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newAccess.StatusCode);
    }

    [Fact]
    public async Task Logout_EndsEveryTokenOfTheAccountAtOnce()
    {
        const string email = "leaver@example.com";
        await fixture.RegisterConfirmedAsync(email);
        var client = fixture.AppClient();
        var phone = await LoginAsync(client, email);
        var tablet = await LoginAsync(client, email);

        var logout = await client.SendAsync(WithToken(HttpMethod.Post, "/api/account/logout", phone.AccessToken));
        var phoneAfter = await client.SendAsync(WithToken(HttpMethod.Get, "/api/orders", phone.AccessToken));
        var tabletAfter = await client.SendAsync(WithToken(HttpMethod.Get, "/api/account/manage/info", tablet.AccessToken));
        var refresh = await client.PostAsJsonAsync("/api/account/refresh", new { refreshToken = tablet.RefreshToken });

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, phoneAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tabletAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.Equal("application/problem+json", refresh.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WebSignOut_EndsTheAccountsAppTokens()
    {
        const string email = "web.leaver@example.com";
        await fixture.RegisterConfirmedAsync(email);
        var app = await LoginAsync(fixture.AppClient(), email);
        var browser = fixture.Browser();
        await HttpForms.SignInAsync(browser, email, Password);

        var home = await browser.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(home, "action=\"/account/logout\"[\\s\\S]*?name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        var signOut = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        var after = await fixture.AppClient().SendAsync(WithToken(HttpMethod.Get, "/api/orders", app.AccessToken));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task ResetLink_WorksOnceThenSaysItWasUsed()
    {
        const string email = "forgetful@example.com";
        await fixture.RegisterConfirmedAsync(email);
        var client = fixture.AppClient();
        var before = await LoginAsync(client, email);

        var asked = await client.PostAsJsonAsync("/api/account/forgotPassword", new { email });
        var mail = await fixture.MailToAsync(email);
        var link = LinkIn(mail, "/account/reset-password");
        var browser = fixture.Browser();
        var first = await HttpForms.SubmitAsync(browser, link, "reset-password", ResetForm(email, "Recovered-Pass3"));
        var second = await HttpForms.SubmitAsync(browser, link, "reset-password", ResetForm(email, "Recovered-Pass4"));
        var apiReplay = await client.PostAsJsonAsync("/api/account/resetPassword", new { email, resetCode = CodeIn(link), newPassword = "Recovered-Pass5" });
        var oldToken = await client.SendAsync(WithToken(HttpMethod.Get, "/api/orders", before.AccessToken));
        var signIn = await client.PostAsJsonAsync("/api/account/login", new { email, password = "Recovered-Pass3" });

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("Reset your", mail.Message.Subject);
        Assert.Contains("data-testid=\"password-reset\"", await first.Content.ReadAsStringAsync());
        Assert.Contains("expired or was already used", await second.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, apiReplay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task ResetCode_ThroughTheApi_ChangesThePasswordOnce()
    {
        const string email = "api.reset@example.com";
        await fixture.RegisterConfirmedAsync(email);
        var client = fixture.AppClient();

        await client.PostAsJsonAsync("/api/account/forgotPassword", new { email });
        var code = CodeIn(LinkIn(await fixture.MailToAsync(email), "/account/reset-password"));
        var reset = await client.PostAsJsonAsync("/api/account/resetPassword", new { email, resetCode = code, newPassword = "Api-Reset-Pass6" });
        var replay = await client.PostAsJsonAsync("/api/account/resetPassword", new { email, resetCode = code, newPassword = "Api-Reset-Pass7" });
        var signIn = await client.PostAsJsonAsync("/api/account/login", new { email, password = "Api-Reset-Pass6" });

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("application/problem+json", replay.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task ResetLink_WhenOlderThanItsLifetime_IsRefused()
    {
        var shortLived = fixture.WithSettings(new Dictionary<string, string?> { ["Store:Account:PasswordResetLinkLifetime"] = "00:00:01" });
        const string email = "slow.reader@example.com";
        await fixture.RegisterConfirmedAsync(email);

        await fixture.AppClient(shortLived).PostAsJsonAsync("/api/account/forgotPassword", new { email });
        var mail = await fixture.MailToAsync(email, shortLived);
        var link = LinkIn(mail, "/account/reset-password");

        // Identity's reset codes read the system clock, not the framework's TimeProvider: the test waits.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var late = await HttpForms.SubmitAsync(fixture.Browser(shortLived), link, "reset-password", ResetForm(email, "Too-Late-Pass8"));
        var oldPassword = await fixture.AppClient(shortLived).PostAsJsonAsync("/api/account/login", new { email, password = Password });

        Assert.Contains("The link works once, for the next minute.", mail.Message.TextBody);
        Assert.Contains("expired or was already used", await late.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode);
    }

    [Fact]
    public async Task ForgotPassword_ForAnUnknownEmail_AnswersExactlyAsForAnAccount()
    {
        const string email = "known@example.com";
        await fixture.RegisterConfirmedAsync(email);
        var client = fixture.AppClient();

        var known = await client.PostAsJsonAsync("/api/account/forgotPassword", new { email });
        var unknown = await client.PostAsJsonAsync("/api/account/forgotPassword", new { email = "nobody@example.com" });
        var knownPage = await HttpForms.SubmitAsync(fixture.Browser(), "/account/forgot-password", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });
        var unknownPage = await HttpForms.SubmitAsync(fixture.Browser(), "/account/forgot-password", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = "nobody@example.com" });
        var sent = await fixture.DeliverAsync();

        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.Equal(known.Content.Headers.ContentType?.ToString(), unknown.Content.Headers.ContentType?.ToString());
        Assert.Equal(knownPage.StatusCode, unknownPage.StatusCode);
        Assert.Equal(MainText(await knownPage.Content.ReadAsStringAsync()), MainText(await unknownPage.Content.ReadAsStringAsync()));
        Assert.Equal(2, sent.Count(m => m.Recipients.Contains(email)));
        Assert.DoesNotContain(fixture.Smtp.Received, m => m.Recipients.Contains("nobody@example.com"));
    }

    [Fact]
    public async Task ResendConfirmation_ForAnUnknownEmail_AnswersAsForAnUnconfirmedAccount()
    {
        const string email = "unconfirmed@example.com";
        var client = fixture.AppClient();
        await client.PostAsJsonAsync("/api/account/register", new { email, password = Password });
        await fixture.MailToAsync(email);

        var known = await client.PostAsJsonAsync("/api/account/resendConfirmationEmail", new { email });
        var unknown = await client.PostAsJsonAsync("/api/account/resendConfirmationEmail", new { email = "ghost@example.com" });
        var resent = await fixture.MailToAsync(email);
        var confirmed = await client.GetAsync("/api/account/confirmEmail?" + LinkIn(resent, "/account/confirm-email").Split('?')[1]);

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
    }

    [Fact]
    public async Task TwoFactor_WhenANewAuthenticatorKeyIsMade_EndsTheTokensLikeAnySecurityChange()
    {
        const string email = "careful@example.com";
        await fixture.RegisterConfirmedAsync(email);
        var client = fixture.AppClient();
        var first = await LoginAsync(client, email);

        var setup = await client.SendAsync(WithToken(HttpMethod.Post, "/api/account/manage/2fa", first.AccessToken, new { }));
        var body = await setup.Content.ReadFromJsonAsync<JsonElement>();
        var stale = await client.SendAsync(WithToken(HttpMethod.Post, "/api/account/manage/2fa", first.AccessToken, new { }));
        var second = await LoginAsync(client, email);
        var enableWithoutCode = await client.SendAsync(WithToken(HttpMethod.Post, "/api/account/manage/2fa", second.AccessToken, new { enable = true }));
        var again = await client.SendAsync(WithToken(HttpMethod.Post, "/api/account/manage/2fa", second.AccessToken, new { }));

        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("sharedKey").GetString()));
        Assert.False(body.GetProperty("isTwoFactorEnabled").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, enableWithoutCode.StatusCode);
        Assert.Equal(body.GetProperty("sharedKey").GetString(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sharedKey").GetString());
    }

    [Fact]
    public async Task CustomerToken_OnAStaffRoute_Answers403AndAStaffTokenIsAllowed()
    {
        const string email = "not.staff@example.com";
        await fixture.RegisterConfirmedAsync(email);
        var client = fixture.AppClient();
        var customer = await LoginAsync(client, email);
        var staff = await LoginAsync(client, StoreAppFactory.AdminEmail, StoreAppFactory.AdminPassword);
        object Product(string sku) => new { name = "Token Hat " + sku, categoryId = 8, variants = new[] { new { sku, priceMinor = 1500, initialStock = 3 } } };

        var refused = await client.SendAsync(WithToken(HttpMethod.Post, "/api/products", customer.AccessToken, Product("TOK-1")));
        var created = await client.SendAsync(WithToken(HttpMethod.Post, "/api/products", staff.AccessToken, Product("TOK-2")));
        var anonymous = await client.PostAsJsonAsync("/api/products", Product("TOK-3"));
        var forged = await client.SendAsync(WithToken(HttpMethod.Post, "/api/products", "not-a-token", Product("TOK-4")));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task Login_WithUseCookies_GivesTheCookieTheApiAccepts()
    {
        const string email = "cookie.user@example.com";
        await fixture.RegisterConfirmedAsync(email);
        var browser = fixture.Browser();

        var login = await browser.PostAsJsonAsync("/api/account/login?useCookies=true", new { email, password = Password });
        var orders = await browser.GetAsync("/api/orders");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("store_auth=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, orders.StatusCode);
    }

    [Theory]
    [InlineData("not-an-email", "Valid-Pass1")]
    [InlineData("short@example.com", "short")]
    public async Task Register_WhenInputIsBad_Answers400ProblemDetails(string email, string password)
    {
        var response = await fixture.AppClient().PostAsJsonAsync("/api/account/register", new { email, password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task Login_WhenPasswordIsWrong_Answers401ProblemDetails()
    {
        var response = await fixture.AppClient().PostAsJsonAsync("/api/account/login", new { email = StoreAppFactory.AdminEmail, password = "Wrong-Pass1" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AccountApi_WhenOneAddressSendsTooMany_Answers429WithRetryAfter()
    {
        var limited = fixture.WithSettings(new Dictionary<string, string?> { ["Store:RateLimits:SignIn:PermitLimit"] = "3" });
        var client = fixture.AppClient(limited);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await client.PostAsJsonAsync("/api/account/login", new { email = "guesser@example.com", password = $"Guess-{i}" }));
        }

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[3].StatusCode);
        Assert.Equal("application/problem+json", answers[3].Content.Headers.ContentType?.MediaType);
        Assert.True(answers[3].Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task OpenApi_DeclaresTheBearerSchemeOnRoutesThatNeedASignedInCaller()
    {
        var doc = await fixture.AppClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var bearer = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        var orders = doc.GetProperty("paths").GetProperty("/api/orders").GetProperty("get");
        var products = doc.GetProperty("paths").GetProperty("/api/products").GetProperty("get");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.Contains(orders.GetProperty("security").EnumerateArray(), r => r.TryGetProperty("Bearer", out _));
        Assert.False(products.TryGetProperty("security", out _));
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/account/login", out _));
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/account/refresh", out _));
    }

    private static Dictionary<string, string> ResetForm(string email, string password) => new()
    {
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
    };

    /// <summary>The page's main content, without the per-request antiforgery token and nonce values.</summary>
    private static string MainText(string html)
    {
        var start = html.IndexOf("<h1", StringComparison.Ordinal);
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..end];
    }
}
