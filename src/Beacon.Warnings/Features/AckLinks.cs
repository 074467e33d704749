using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;

namespace Beacon.Warnings.Features;

/// <summary>Signed, single-use acknowledgement links for e-mail (Beacon:PublicUrl is where they point).</summary>
public sealed class AckLinks(IDataProtectionProvider protection, IConfiguration configuration)
{
    /// <summary>A link is good for a week: long past any warning's acknowledgement clock, short enough not to live in mailboxes for ever.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Beacon.Warnings.Acknowledgement").ToTimeLimitedDataProtector();
    private readonly string _base = (configuration["Beacon:PublicUrl"] ?? "http://127.0.0.1:5080").TrimEnd('/');

    public string For(Guid deliveryId) =>
        $"{_base}/api/warnings/ack?token={Uri.EscapeDataString(_protector.Protect(deliveryId.ToString("N"), Lifetime))}";

    public Guid? Read(string? token)
    {
        try
        {
            return token is not null && Guid.TryParseExact(_protector.Unprotect(token), "N", out var id) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
