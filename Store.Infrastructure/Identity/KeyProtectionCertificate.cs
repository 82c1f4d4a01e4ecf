using System.Security.Cryptography.X509Certificates;

namespace Store.Infrastructure.Identity;

/// <summary>The certificate <see cref="DataProtectionCertificate"/> loaded, what it is, and whether the store made it.</summary>
public sealed record KeyProtectionCertificate(X509Certificate2 Certificate, string Description, bool Generated);
