using Beacon.Platform.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Platform.Identity.Features;

public static class ListRoles
{
    public sealed record RoleResponse(string Name, bool IsAdministrator, IReadOnlyList<string> Permissions);

    internal static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/roles", Ok<List<RoleResponse>> () =>
                TypedResults.Ok(Roles.All.Select(r => new RoleResponse(r, Roles.IsAdministrator(r), Permissions.Of(r))).ToList()))
            .WithName("ListRoles")
            .WithSummary("The roles and the permissions each grants.");
    }
}
