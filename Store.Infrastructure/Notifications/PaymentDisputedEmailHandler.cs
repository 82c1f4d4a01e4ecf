using Microsoft.Extensions.Options;
using Store.Domain.Ordering.Events;
using Store.Infrastructure.Outbox;

namespace Store.Infrastructure.Notifications;

/// <summary>Tells staff that a payment was disputed or a dispute decided. A repeat carries the same Message-Id.</summary>
public sealed class PaymentDisputedEmailHandler(EmailTemplates templates, IEmailSender email, IOptions<EmailOptions> options) : IOutboxHandler
{
    public string EventType => "payment.disputed";

    public Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var dispute = OrderMailer.Read<PaymentDisputed>(message);
        var settings = options.Value;
        var content = templates.DisputeAlert(dispute);
        return email.SendAsync(new EmailMessage(new EmailAddress(settings.StaffAddress, "Store staff"), content, EmailMessage.IdFor(message.Id, "payment-disputed", settings.FromAddress)), ct);
    }
}
