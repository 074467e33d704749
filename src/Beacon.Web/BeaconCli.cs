using System.Text.Json;
using Beacon.Platform.Audit.Features;
using Beacon.Platform.Common;
using Beacon.Platform.Data;

namespace Beacon.Web;

/// <summary>Command-line forms of admin operations: <c>beacon audit verify</c>.</summary>
internal sealed class BeaconCli
{
    public string? Command { get; private init; }
    public bool Demo { get; private init; }

    public static BeaconCli Parse(string[] args)
    {
        var words = args.Where(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal)).ToArray();
        return new BeaconCli
        {
            Demo = args.Contains("--demo"),
            Command = words.Length >= 2 && words[0] == "audit" && words[1] == "verify" ? "audit verify" : null,
        };
    }

    /// <summary>Exit code 0 when the chain holds, 2 when it is broken.</summary>
    public async Task<int> RunAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("cli");
        var db = scope.ServiceProvider.GetRequiredService<BeaconDbContext>();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await VerifyAudit.Run(db, CancellationToken.None);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        db.AuditEvent("audit.verified", "audit", null, new { result.Valid, result.Entries, result.FirstBrokenSequence, via = "cli" });
        await db.SaveChangesAsync();
        Console.WriteLine(JsonSerializer.Serialize(new { valid = result.Valid, entries = result.Entries, firstBrokenSequence = result.FirstBrokenSequence, elapsedMs = (long)elapsed.TotalMilliseconds }));
        return result.Valid ? 0 : 2;
    }
}
