namespace Store.Infrastructure.Notifications;

public sealed class EmailOptions
{
    public const string Section = "Store:Email";

    public string FromAddress { get; set; } = "shop@store.local";

    /// <summary>Defaults to the store's name.</summary>
    public string? FromName { get; set; }

    /// <summary>Where alerts for staff (low stock) go.</summary>
    public string StaffAddress { get; set; } = "staff@store.local";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// Used when no SMTP host is set: every email is written there as an .eml file, so a demo store shows its mail.
    /// A relative path is under the app's content root; defaults to "mail".
    /// </summary>
    public string PickupFolder { get; set; } = "mail";
}
