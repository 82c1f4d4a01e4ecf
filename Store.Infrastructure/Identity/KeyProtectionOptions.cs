namespace Store.Infrastructure.Identity;

/// <summary>
/// Store:DataProtection: the certificate that encrypts the Data Protection key ring (kept in PostgreSQL) at rest.
/// Give it as a PFX file (<see cref="CertificatePath"/>) or inline as base64 (<see cref="Certificate"/>, handy in an
/// environment variable or a secret), with <see cref="CertificatePassword"/> when it has one. Every instance of a
/// cluster needs the same certificate. With neither set, one is generated once at <see cref="GeneratedCertificatePath"/>.
/// </summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "Store:DataProtection";

    public string? CertificatePath { get; set; }

    public string? Certificate { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Relative paths are under the content root; ./store.sh puts it in the clone's .data/keys.</summary>
    public string GeneratedCertificatePath { get; set; } = ".data/keys/data-protection.pfx";
}
