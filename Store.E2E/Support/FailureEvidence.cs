using System.Text;
using Microsoft.Playwright;

namespace Store.E2E.Support;

/// <summary>When a journey fails: screenshots of the open pages and the server's output, in the failure message.</summary>
public static class FailureEvidence
{
    private const int MaxServerOutput = 20_000;

    public static async Task<Exception> CollectAsync(Exception failure, string testName, StoreAppHost app, IEnumerable<IPage?> pages)
    {
        var message = new StringBuilder(failure.Message).AppendLine();
        var index = 0;
        foreach (var page in pages)
        {
            if (page is null || page.IsClosed)
            {
                continue;
            }

            index++;
            try
            {
                Directory.CreateDirectory(TestPaths.ScreenshotDirectory);
                var path = Path.Combine(TestPaths.ScreenshotDirectory, $"{testName}-{index}-{DateTime.UtcNow:yyyyMMddHHmmss}.png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false, Timeout = 10_000 });
                message.AppendLine($"Page {index} was at {page.Url}; screenshot: {path}");
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException or IOException)
            {
                message.AppendLine($"Page {index} was at {page.Url}; no screenshot ({e.Message.Split('\n')[0]})");
            }
        }

        var output = app.Output;
        if (output.Length > MaxServerOutput)
        {
            output = "…" + output[^MaxServerOutput..];
        }

        message.AppendLine("--- server output ---").Append(output);
        return new Xunit.Sdk.XunitException(message.ToString(), failure);
    }
}
