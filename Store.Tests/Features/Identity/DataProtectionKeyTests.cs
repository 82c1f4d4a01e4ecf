using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Data;
using Store.Tests.Support;

namespace Store.Tests.Features.Identity;

public sealed class DataProtectionKeyTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "store-keys-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Protect_WithNoCertificateConfigured_GeneratesOneStoresKeysEncryptedAndAnotherInstanceReadsThem()
    {
        var database = await TestDatabase.CreateAsync();
        try
        {
            var settings = Settings(("GeneratedCertificatePath", Path.Combine(_folder, "generated.pfx")));
            string protectedText;
            await using (var first = TestDatabase.Services(database, settings))
            {
                protectedText = Protector(first).Protect("sign-in cookie");
                var xml = await KeyXmlAsync(first);
                Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            }

            Assert.True(File.Exists(Path.Combine(_folder, "generated.pfx")));
            await using var second = TestDatabase.Services(database, settings);
            Assert.Equal("sign-in cookie", Protector(second).Unprotect(protectedText));
        }
        finally
        {
            await TestDatabase.DropAsync(database);
        }
    }

    [Fact]
    public async Task Unprotect_OnAnInstanceWithAnotherCertificate_CannotReadTheKeys()
    {
        var database = await TestDatabase.CreateAsync();
        try
        {
            string protectedText;
            await using (var first = TestDatabase.Services(database, Settings(("GeneratedCertificatePath", Path.Combine(_folder, "one.pfx")))))
            {
                protectedText = Protector(first).Protect("sign-in cookie");
            }

            await using var stranger = TestDatabase.Services(database, Settings(("GeneratedCertificatePath", Path.Combine(_folder, "two.pfx"))));
            Assert.ThrowsAny<CryptographicException>(() => Protector(stranger).Unprotect(protectedText));
        }
        finally
        {
            await TestDatabase.DropAsync(database);
        }
    }

    [Fact]
    public async Task Protect_WithTheCertificateInlineOrAsAFile_BothInstancesShareTheKeys()
    {
        var database = await TestDatabase.CreateAsync();
        try
        {
            var pfx = NewPfx("s3cret-pass");
            Directory.CreateDirectory(_folder);
            var path = Path.Combine(_folder, "given.pfx");
            await File.WriteAllBytesAsync(path, pfx);
            string protectedText;
            await using (var inline = TestDatabase.Services(database, Settings(("Certificate", Convert.ToBase64String(pfx)), ("CertificatePassword", "s3cret-pass"))))
            {
                protectedText = Protector(inline).Protect("antiforgery");
                Assert.Contains("encryptedSecret", await KeyXmlAsync(inline), StringComparison.Ordinal);
            }

            await using var file = TestDatabase.Services(database, Settings(("CertificatePath", path), ("CertificatePassword", "s3cret-pass")));
            Assert.Equal("antiforgery", Protector(file).Unprotect(protectedText));
            Assert.False(File.Exists(Path.Combine(_folder, "data-protection.pfx")));
        }
        finally
        {
            await TestDatabase.DropAsync(database);
        }
    }

    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] values) =>
        values.ToDictionary(v => $"Store:DataProtection:{v.Key}", v => (string?)v.Value);

    private static IDataProtector Protector(ServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Store.Tests.Cluster");

    private static async Task<string> KeyXmlAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().DataProtectionKeys.AsNoTracking().ToListAsync();
        Assert.NotEmpty(keys);
        return string.Join("\n", keys.Select(k => k.Xml));
    }

    private static byte[] NewPfx(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Store test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.Export(X509ContentType.Pfx, password);
    }
}
