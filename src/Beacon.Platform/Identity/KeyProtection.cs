using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Beacon.Platform.Identity;

/// <summary>
/// How the data-protection keys (which sign access tokens and sign-in cookies) are protected at rest: encrypted with
/// the X.509 certificate named by <c>Beacon:DataProtection:Certificate:Path</c> (a .pfx with its private key, its
/// password in <c>…:Password</c>, both best given as environment variables and kept outside the data folder).
/// </summary>
public static partial class KeyProtection
{
    public static X509Certificate2? Certificate(IConfiguration configuration)
    {
        var path = configuration["Beacon:DataProtection:Certificate:Path"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Beacon:DataProtection:Certificate:Path names '{path}', which does not exist.");
        }
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["Beacon:DataProtection:Certificate:Password"]);
        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"The certificate '{path}' has no private key: the keys could be encrypted but never read back.");
    }

    /// <summary>Said loudly at start-up in production: unprotected keys let anyone with a copy of the data folder mint tokens.</summary>
    public static void WarnIfUnprotected(IConfiguration configuration, bool production, ILogger logger)
    {
        if (production && string.IsNullOrWhiteSpace(configuration["Beacon:DataProtection:Certificate:Path"]))
        {
            LogUnprotected(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "SECURITY: the keys that sign tokens and cookies are stored UNENCRYPTED in the data folder; "
        + "anyone who can read it can sign in as any user. Set Beacon:DataProtection:Certificate:Path (and :Password) to a certificate kept outside it (README, 'Keys at rest').")]
    private static partial void LogUnprotected(ILogger logger);
}
