using System.Net.Http.Json;

namespace Beacon.IntegrationTests.Infrastructure;

public static class Accounts
{
    public const string Password = "Str0ng!Pass";

    /// <summary>Opens an account the way an office does: the system administrator creates it, the security administrator grants the roles.</summary>
    public static async Task<Guid> Create(BeaconFactory app, string userName, string unitCode, params string[] roles)
    {
        var unitId = await app.UnitId(unitCode);
        using var sys = await app.ClientFor("sysadmin");
        var created = await (await sys.PostAsJsonAsync("/api/users", new { userName, displayName = userName, unitId, password = Password }))
            .Ok(System.Net.HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        if (roles.Length > 0)
        {
            // An administrator role is granted by a holder of it above; business roles by the security administrator.
            var granter = roles.FirstOrDefault(r => r.EndsWith("-admin", StringComparison.Ordinal)) switch
            {
                "system-admin" => "sysadmin",
                "audit-admin" => "auditadmin",
                _ => "secadmin",
            };
            using var sec = await app.ClientFor(granter);
            await (await sec.PutAsJsonAsync($"/api/users/{id}/roles", new { roles })).Ok();
        }
        return id;
    }
}
