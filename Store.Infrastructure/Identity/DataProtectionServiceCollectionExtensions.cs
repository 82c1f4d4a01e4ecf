using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Identity;

public static class DataProtectionServiceCollectionExtensions
{
    /// <summary>
    /// One key ring for every instance (in PostgreSQL, so cookies and antiforgery tokens made by one instance are read
    /// by the others), each key encrypted with the <see cref="KeyProtectionOptions"/> certificate.
    /// </summary>
    public static IServiceCollection AddStoreDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>() ?? new KeyProtectionOptions();

        // The certificate is needed while registering (the decryption side takes it only here), before any host
        // environment exists: the host's content root setting, else the working directory, as the host itself would.
        var root = configuration[HostDefaults.ContentRootKey] is { Length: > 0 } contentRoot ? contentRoot : Directory.GetCurrentDirectory();
        var loaded = DataProtectionCertificate.Load(options, root);
        services.AddSingleton(loaded);
        services.AddDataProtection()
            .SetApplicationName("Store")
            .PersistKeysToDbContext<StoreDbContext>()
            .ProtectKeysWithCertificate(loaded.Certificate)

            // Decryption looks in the machine's certificate store unless told of the certificate; a container has none.
            .UnprotectKeysWithAnyCertificate(loaded.Certificate);

        // Said once, when the key ring is first used, so the operator sees which certificate guards the keys.
        services.AddOptions<KeyManagementOptions>().Configure<ILoggerFactory>((_, logs) =>
            logs.CreateLogger("Store.DataProtection").Log(loaded.Generated ? LogLevel.Warning : LogLevel.Information, "{Description}", loaded.Description));
        return services;
    }
}
