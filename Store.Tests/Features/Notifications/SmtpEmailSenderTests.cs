using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Store.Infrastructure.Common;
using Store.Infrastructure.Notifications;
using Store.Tests.Support;

namespace Store.Tests.Features.Notifications;

public class SmtpEmailSenderTests
{
    private static readonly EmailMessage Confirmation = new(
        new EmailAddress("grace@example.com", "Grace Hopper"),
        "Your order #1042 is confirmed",
        "Thank you for your order #1042.",
        "<p>Thank you for your order <strong>#1042</strong>.</p>",
        "order-confirmation.0123456789abcdef0123456789abcdef@store.local");

    [Fact]
    public async Task SendAsync_WhenServerAccepts_DeliversRecipientSubjectBothPartsAndMessageId()
    {
        await using var server = await SmtpTestServer.StartAsync();

        await Sender(server.Port).SendAsync(Confirmation, CancellationToken.None);

        var received = Assert.Single(server.Received);
        Assert.Equal(["grace@example.com"], received.Recipients);
        var mail = received.Message;
        Assert.Equal("grace@example.com", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("Grace Hopper", mail.To.Mailboxes.Single().Name);
        Assert.Equal("shop@store.local", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Equal("Test Shop", mail.From.Mailboxes.Single().Name);
        Assert.Equal("Your order #1042 is confirmed", mail.Subject);
        Assert.Equal("order-confirmation.0123456789abcdef0123456789abcdef@store.local", mail.MessageId);
        Assert.Contains("Thank you for your order #1042.", mail.TextBody);
        Assert.Contains("<strong>#1042</strong>", mail.HtmlBody);
    }

    [Fact]
    public async Task SendAsync_WhenNothingListens_Throws()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        await Assert.ThrowsAsync<SocketException>(() => Sender(port).SendAsync(Confirmation, CancellationToken.None));
    }

    [Fact]
    public async Task SendAsync_WhenServerRejectsTheMessage_Throws()
    {
        await using var server = await SmtpTestServer.StartAsync(reject: true);

        await Assert.ThrowsAsync<SmtpCommandException>(() => Sender(server.Port).SendAsync(Confirmation, CancellationToken.None));
        Assert.Empty(server.Received);
    }

    private static SmtpEmailSender Sender(int port) =>
        new(
            Options.Create(new EmailOptions
            {
                FromName = "Test Shop",
                Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, SecureSocket = SmtpSecurity.None, TimeoutSeconds = 10 },
            }),
            new SystemClock(),
            NullLogger<SmtpEmailSender>.Instance);
}
