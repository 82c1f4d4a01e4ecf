using Microsoft.Playwright;

namespace Store.E2E.Support;

public static class PageActions
{
    /// <summary>
    /// Clicks a form's submit button and checks the server accepted the post (the forms are plain posts that answer
    /// with a redirect), so a refused post fails here with its status instead of as a page that never arrives.
    /// </summary>
    public static async Task SubmitAsync(this IPage page, ILocator submit)
    {
        var response = await page.RunAndWaitForResponseAsync(
            () => submit.ClickAsync(),
            r => r.Request.IsNavigationRequest && r.Frame == page.MainFrame);
        if (response.Status >= 400)
        {
            throw new InvalidOperationException(
                $"{response.Request.Method} {new Uri(response.Url).PathAndQuery} was answered {response.Status} {response.StatusText}.");
        }
    }

    /// <summary>Opens a page of the store and checks it was served, not an error page.</summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        if (response is not null && response.Status >= 400)
        {
            throw new InvalidOperationException($"GET {path} was answered {response.Status} {response.StatusText}.");
        }
    }
}
