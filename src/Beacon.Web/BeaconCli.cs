using System.Text.Json;
using Beacon.Platform.Audit.Features;
using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity;
using Beacon.Platform.Identity.Features;
using Microsoft.AspNetCore.Identity;

namespace Beacon.Web;

/// <summary>
/// Command-line forms of admin operations: <c>audit verify</c>, and <c>admin init</c> for an installation's first
/// administrators (<c>admin init --role security-admin --user secadmin --unit DJ [--unit-name 东江省]</c>, the
/// password from <c>--password</c> or, better kept out of the process list, the BEACON_ADMIN_PASSWORD variable).
/// </summary>
internal sealed class BeaconCli
{
    public string? Command { get; private init; }
    public bool Demo { get; private init; }
    private Dictionary<string, string> Options { get; init; } = [];

    /// <summary>The options of our commands: the host's configuration must not read them as its own settings.</summary>
    public static readonly string[] OptionNames = ["--role", "--user", "--display-name", "--password", "--unit", "--unit-name"];

    public static BeaconCli Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var words = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (OptionNames.Contains(args[i]) && i + 1 < args.Length)
            {
                options[args[i][2..]] = args[++i];
            }
            else if (!args[i].StartsWith('-') && !args[i].Contains('=', StringComparison.Ordinal))
            {
                words.Add(args[i]);
            }
        }
        var command = words.Count >= 2 ? (words[0], words[1]) switch
        {
            ("audit", "verify") => "audit verify",
            ("admin", "init") => "admin init",
            _ => null,
        } : null;
        return new BeaconCli { Demo = args.Contains("--demo"), Command = command, Options = options };
    }

    /// <summary>The arguments left for the host's configuration: ours taken out.</summary>
    public static string[] HostArgs(string[] args)
    {
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (OptionNames.Contains(args[i]))
            {
                i++;
            }
            else if (args[i] != "--demo")
            {
                rest.Add(args[i]);
            }
        }
        return [.. rest];
    }

    public async Task<int> RunAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("cli");
        var db = scope.ServiceProvider.GetRequiredService<BeaconDbContext>();
        return Command == "admin init"
            ? await InitAdministratorAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<BeaconUser>>())
            : await VerifyAuditAsync(db);
    }

    /// <summary>Exit code 0 when the chain holds, 2 when it is broken.</summary>
    private static async Task<int> VerifyAuditAsync(BeaconDbContext db)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await VerifyAudit.Run(db, CancellationToken.None);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        db.AuditEvent("audit.verified", "audit", null, new { result.Valid, result.Entries, result.FirstBrokenSequence, via = "cli" });
        await db.SaveChangesAsync();
        Console.WriteLine(JsonSerializer.Serialize(new { valid = result.Valid, entries = result.Entries, firstBrokenSequence = result.FirstBrokenSequence, elapsedMs = (long)elapsed.TotalMilliseconds }));
        return result.Valid ? 0 : 2;
    }

    /// <summary>Exit code 0 with the account created, 1 with the reasons it was refused.</summary>
    private async Task<int> InitAdministratorAsync(BeaconDbContext db, UserManager<BeaconUser> users)
    {
        var password = Options.GetValueOrDefault("password") ?? Environment.GetEnvironmentVariable("BEACON_ADMIN_PASSWORD");
        try
        {
            var result = await InitAdministrator.Handle(new InitAdministrator.Request(Options.GetValueOrDefault("user"), Options.GetValueOrDefault("display-name"),
                password, Options.GetValueOrDefault("role"), Options.GetValueOrDefault("unit"), Options.GetValueOrDefault("unit-name")), db, users, CancellationToken.None);
            Console.WriteLine(JsonSerializer.Serialize(result, JsonSerializerOptions.Web));
            return 0;
        }
        catch (RequestValidationException e)
        {
            foreach (var (field, messages) in e.Errors)
            {
                Console.Error.WriteLine($"--{field}: {string.Join(" ", messages)}");
            }
        }
        catch (Exception e) when (e is DomainException or ConflictException or ForbiddenException)
        {
            Console.Error.WriteLine(e.Message);
        }
        return 1;
    }
}
