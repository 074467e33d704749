using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Beacon.IntegrationTests.Infrastructure;

namespace Beacon.IntegrationTests;

/// <summary>A host whose data-protection keys are encrypted with a certificate kept outside the data folder.</summary>
public sealed class CertificateKeysFactory : BeaconFactory
{
    private readonly string _pfx = Path.Combine(Path.GetTempPath(), "beacon-keys-" + Guid.NewGuid().ToString("N") + ".pfx");

    public CertificateKeysFactory() : base("sqlite")
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Beacon data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(_pfx, certificate.Export(X509ContentType.Pfx, "keys-pass"));
    }

    public string KeysDirectory => Path.Combine(DataDirectory, "keys");

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Beacon:DataProtection:Certificate:Path", _pfx), new("Beacon:DataProtection:Certificate:Password", "keys-pass")];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_pfx);
    }
}

public sealed class KeyProtectionTests(CertificateKeysFactory app) : IClassFixture<CertificateKeysFactory>
{
    [Fact]
    public async Task With_a_certificate_configured_the_keys_on_disk_are_encrypted_and_tokens_still_work()
    {
        using var leader = await app.ClientFor("leader");
        await (await leader.GetAsync("/api/me")).Ok();

        var files = Directory.GetFiles(app.KeysDirectory, "key-*.xml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var xml = await File.ReadAllTextAsync(file);
            // Encrypted: the key material is an EncryptedXml blob, not a readable <masterKey> value.
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        }
    }
}
