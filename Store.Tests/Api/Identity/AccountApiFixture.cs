using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Outbox;
using Store.Tests.Support;

namespace Store.Tests.Api.Identity;

/// <summary>
/// The store over HTTP on a class database, mailing through a real SMTP listener, with a framework clock the tests
/// can move. Clients made here keep no cookies, as a native app's HTTP client keeps none.
/// </summary>
public sealed partial class AccountApiFixture : IAsyncLifetime
{
    public const string Password = "Phone-Pass1";

    private readonly StoreAppFactory factory = new();
    private readonly List<WebApplicationFactory<Program>> variants = [];

    public SmtpTestServer Smtp { get; private set; } = default!;

    public TestTimeProvider Time { get; } = new();

    public WebApplicationFactory<Program> App { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await factory.InitializeAsync();
        Smtp = await SmtpTestServer.StartAsync();
        App = WithSettings(new Dictionary<string, string?>());
    }

    public async Task DisposeAsync()
    {
        foreach (var variant in variants)
        {
            await variant.DisposeAsync();
        }

        await ((IAsyncLifetime)factory).DisposeAsync();
        await Smtp.DisposeAsync();
    }

    /// <summary>Another app over the same database and mail server, with settings of its own (a short lifetime, a low limit).</summary>
    public WebApplicationFactory<Program> WithSettings(IReadOnlyDictionary<string, string?> settings)
    {
        var app = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Store:Email:Smtp:Host", "127.0.0.1");
            b.UseSetting("Store:Email:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Store:Email:Smtp:SecureSocket", "None");
            b.UseSetting("Store:PublicBaseUrl", "https://shop.example");
            b.UseSetting("Store:RateLimits:SignIn:PermitLimit", "0");
            b.UseSetting("Store:RateLimits:Registration:PermitLimit", "0");
            b.UseSetting("Store:RateLimits:PasswordReset:PermitLimit", "0");
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }

            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Time));
        });
        variants.Add(app);
        return app;
    }

    public HttpClient AppClient(WebApplicationFactory<Program>? app = null) =>
        (app ?? App).CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

    /// <summary>A browser: keeps cookies, as the store's own pages need for their antiforgery tokens.</summary>
    public HttpClient Browser(WebApplicationFactory<Program>? app = null) =>
        (app ?? App).CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    /// <summary>Sends what the outbox holds (the jobs are off in HTTP tests) and returns the one new mail to <paramref name="email"/>.</summary>
    public async Task<ReceivedEmail> MailToAsync(string email, WebApplicationFactory<Program>? app = null) =>
        Assert.Single(await DeliverAsync(app), m => m.Recipients.Contains(email, StringComparer.OrdinalIgnoreCase));

    /// <summary>Sends what the outbox holds and returns the mails that sent.</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> DeliverAsync(WebApplicationFactory<Program>? app = null)
    {
        var before = Smtp.Received.Count;
        await using (var scope = (app ?? App).Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync();
        }

        return Smtp.Received.Skip(before).ToList();
    }

    /// <summary>The link in a mail's text part that starts with the store's address and <paramref name="path"/>, as a path and query.</summary>
    public static string LinkIn(ReceivedEmail mail, string path)
    {
        var match = Regex.Match(mail.Message.TextBody ?? "", "https://shop\\.example" + Regex.Escape(path) + "\\?\\S+");
        Assert.True(match.Success, $"No {path} link in: {mail.Message.TextBody}");
        return match.Value["https://shop.example".Length..];
    }

    public static string CodeIn(string link) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("https://shop.example" + link).Query)["code"].ToString();

    /// <summary>Registers an account through the API and confirms it from the mail it receives.</summary>
    public async Task RegisterConfirmedAsync(string email, string password = Password)
    {
        var client = AppClient();
        var registered = await client.PostAsJsonAsync("/api/account/register", new { email, password });
        Assert.Equal(System.Net.HttpStatusCode.OK, registered.StatusCode);
        var page = await client.GetStringAsync(LinkIn(await MailToAsync(email), "/account/confirm-email"));
        Assert.Contains("data-testid=\"email-confirmed\"", page);
    }

    public static async Task<Tokens> LoginAsync(HttpClient client, string email, string password = Password)
    {
        var response = await client.PostAsJsonAsync("/api/account/login", new { email, password });
        Assert.True(response.IsSuccessStatusCode, $"Login answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Tokens(body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!, body.GetProperty("expiresIn").GetInt32());
    }

    public static HttpRequestMessage WithToken(HttpMethod method, string url, string accessToken, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return request;
    }

    public sealed record Tokens(string AccessToken, string RefreshToken, int ExpiresIn);
}
