using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using Store.Infrastructure.Common;
using Store.Infrastructure.Notifications;

namespace Store.Tests.Features.Notifications;

public sealed class PickupFolderEmailSenderTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "store-pickup-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task SendAsync_WhenCalled_WritesOneParseableEmlAndNoTemporaryFile()
    {
        var sender = new PickupFolderEmailSender(
            Options.Create(new EmailOptions { FromName = "Test Shop", PickupFolder = folder }),
            new SystemClock(),
            NullLogger<PickupFolderEmailSender>.Instance);

        await sender.SendAsync(
            new EmailMessage(new EmailAddress("grace@example.com", "Grace Hopper"), "Order #7 is confirmed", "Order #7, text.", "<p>Order #7, html.</p>", "order-confirmation.abc@store.local"),
            CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(folder));
        Assert.EndsWith("-order-confirmation.abc@store.local.eml", file);
        using var mail = await MimeMessage.LoadAsync(file);
        Assert.Equal("grace@example.com", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("Order #7 is confirmed", mail.Subject);
        Assert.Equal("order-confirmation.abc@store.local", mail.MessageId);
        Assert.Contains("Order #7, text.", mail.TextBody);
        Assert.Contains("<p>Order #7, html.</p>", mail.HtmlBody);
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
