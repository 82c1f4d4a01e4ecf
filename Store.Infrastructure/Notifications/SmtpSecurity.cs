namespace Store.Infrastructure.Notifications;

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}
