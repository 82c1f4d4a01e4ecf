using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Store.Infrastructure.Identity;

/// <summary>
/// Loads the certificate that wraps each Data Protection key before it is written to PostgreSQL, so a copy of the
/// database (a backup, a replica) alone cannot forge sign-in cookies or read protected data. Without configuration a
/// certificate is generated once beside the store's other data: a single box keeps working across restarts and
/// upgrades, and instances started from the same clone (./store.sh cluster) share it; instances on other machines need
/// the configured one, or they cannot read the keys the others wrote.
/// </summary>
public static class DataProtectionCertificate
{
    public static KeyProtectionCertificate Load(KeyProtectionOptions options, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(options.Certificate))
        {
            var pfx = Convert.FromBase64String(options.Certificate.Trim());
            var inline = RequirePrivateKey(
                X509CertificateLoader.LoadPkcs12(pfx, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet),
                "Store:DataProtection:Certificate");
            return new(inline, $"Data Protection keys are encrypted with the configured certificate {inline.Thumbprint}.", Generated: false);
        }

        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            var path = Path.GetFullPath(Path.Combine(contentRoot, options.CertificatePath));
            var file = RequirePrivateKey(
                X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet),
                "Store:DataProtection:CertificatePath");
            return new(file, $"Data Protection keys are encrypted with the certificate {path} ({file.Thumbprint}).", Generated: false);
        }

        var generatedPath = Path.GetFullPath(Path.Combine(contentRoot, options.GeneratedCertificatePath));
        var created = EnsureGenerated(generatedPath);
        var generated = X509CertificateLoader.LoadPkcs12FromFile(generatedPath, password: null, X509KeyStorageFlags.EphemeralKeySet);
        return new(
            generated,
            $"No Store:DataProtection certificate is configured: Data Protection keys are encrypted with the certificate " +
            $"{(created ? "generated now" : "generated earlier")} at {generatedPath} ({generated.Thumbprint}). Back it up with the database; " +
            "every instance of a cluster must use this same certificate (Store:DataProtection:CertificatePath), or it cannot read the keys the others wrote.",
            Generated: true);
    }

    /// <summary>A self-signed RSA certificate, written atomically (instances starting together keep the first one).</summary>
    private static bool EnsureGenerated(string path)
    {
        if (File.Exists(path))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=Store Data Protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, certificate.Export(X509ContentType.Pfx));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }

    private static X509Certificate2 RequirePrivateKey(X509Certificate2 certificate, string setting) =>
        certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"{setting} has no private key: the key ring could be written but never read back.");
}
