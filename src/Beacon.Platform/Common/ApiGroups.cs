using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Platform.Common;

/// <summary>How a module maps its part of the API.</summary>
public static class ApiGroups
{
    /// <summary>
    /// A route group under <paramref name="prefix"/> that only bearer-token callers reach, tagged for the OpenAPI document.
    /// Dates in the query or path (?from=9999-12-31) are held to <see cref="DateWindow"/> here, for every route of every
    /// module; dates in bodies are held to it as the body is read.
    /// </summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder routes, string prefix, string? tag = null)
    {
        var group = routes.MapGroup(prefix).RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.BearerScheme });
        group.AddEndpointFilterFactory(RefuseDatesOutsideWindow);
        return tag is null ? group : group.WithTags(tag);
    }

    private static EndpointFilterDelegate RefuseDatesOutsideWindow(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var dated = context.MethodInfo.GetParameters().Select((p, i) => (p.Name, Index: i, Type: Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType))
            .Where(p => p.Type == typeof(DateTimeOffset) || p.Type == typeof(DateOnly) || p.Type == typeof(DateTime)).ToList();
        if (dated.Count == 0)
        {
            return next;
        }
        return invocation =>
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var (name, index, _) in dated)
            {
                var holds = invocation.Arguments[index] switch
                {
                    DateTimeOffset d => DateWindow.Holds(d),
                    DateOnly d => DateWindow.Holds(d),
                    DateTime d => DateWindow.Holds(d),
                    _ => true,
                };
                if (!holds)
                {
                    errors[name ?? "date"] = [DateWindow.Refusal()];
                }
            }
            return errors.Count > 0 ? throw new RequestValidationException(errors) : next(invocation);
        };
    }
}
