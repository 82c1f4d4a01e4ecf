using System.Text.RegularExpressions;

namespace Store.Tests.Support;

/// <summary>Posts the app's server-rendered forms the way a browser does: with the page's antiforgery token.</summary>
public static partial class HttpForms
{
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string pageUrl, string formName, IDictionary<string, string> fields)
    {
        var pageResponse = await client.GetAsync(pageUrl);
        var page = await pageResponse.Content.ReadAsStringAsync();
        Assert.True(pageResponse.IsSuccessStatusCode, $"GET {pageUrl} answered {(int)pageResponse.StatusCode}: {page}");
        var token = TokenPattern().Match(page);
        Assert.True(token.Success, $"No antiforgery token on {pageUrl}");
        var body = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token.Groups[1].Value),
            ["_handler"] = formName,
        };
        return await client.PostAsync(pageUrl, new FormUrlEncodedContent(body));
    }

    public static async Task SignInAsync(HttpClient client, string email, string password)
    {
        var response = await SubmitAsync(client, "/account/login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        Assert.True(response.StatusCode is System.Net.HttpStatusCode.Redirect or System.Net.HttpStatusCode.Found or System.Net.HttpStatusCode.SeeOther,
            $"Sign-in did not redirect: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
