using Beacon.Platform.Common;

namespace Beacon.Web.Components.Shared;

/// <summary>Turns a handler's exception into a message a person can act on.</summary>
public static class ErrorText
{
    public static string Of(Exception e) => e switch
    {
        RequestValidationException v => string.Join(" ", v.Errors.SelectMany(x => x.Value)),
        DomainException or ConflictException or NotFoundException or ForbiddenException => e.Message,
        Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => Text.Get("Stale"),
        _ when Beacon.Platform.Data.TransientDatabase.Is(e) => Text.Get("Database.Unavailable"),
        _ => "Unexpected error / 系统错误，请稍后重试。",
    };

    public static bool IsExpected(Exception e) =>
        e is RequestValidationException or DomainException or ConflictException or NotFoundException or ForbiddenException
            or Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException || Beacon.Platform.Data.TransientDatabase.Is(e);
}
