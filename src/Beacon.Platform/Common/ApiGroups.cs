using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Platform.Common;

/// <summary>How a module maps its part of the API.</summary>
public static class ApiGroups
{
    /// <summary>A route group under <paramref name="prefix"/> that only bearer-token callers reach, tagged for the OpenAPI document.</summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder routes, string prefix, string? tag = null)
    {
        var group = routes.MapGroup(prefix).RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.BearerScheme });
        return tag is null ? group : group.WithTags(tag);
    }
}
