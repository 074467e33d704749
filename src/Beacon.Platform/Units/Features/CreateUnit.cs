using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Units.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Units.Features;

public static class CreateUnit
{
    public sealed record Request(string? Code, string? NameZh, string? NameEn, string? Kind, Guid? ParentId);

    public static async Task<Unit> Handle(Request r, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.UnitsManage);
        var kind = Validate(r.Code, r.NameZh, r.NameEn, r.Kind, requireKind: true);
        await using var tx = await db.BeginSerializedAsync(WriteLock.UnitTree, ct);

        Unit? parent = null;
        if (r.ParentId is { } pid)
        {
            parent = await db.Units.FirstOrDefaultAsync(u => u.Id == pid, ct)
                ?? throw new DomainException(Text.Get("Unit.ParentMissing", pid), "parentId");
        }
        else if (db.Actor.Scope != ScopeKind.System)
        {
            // A root lies outside every user's subtree; only the installation itself creates roots.
            throw new DomainException(Text.Get("Unit.ParentRequired"), "parentId");
        }

        await EnsureCodeFree(db, r.Code!, null, ct);
        var unit = Unit.Create(Guid.NewGuid(), r.Code!, r.NameZh!, r.NameEn, kind!.Value, parent, db.Time.GetUtcNow());
        db.Units.Add(unit);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return unit;
    }

    internal static UnitKind? Validate(string? code, string? nameZh, string? nameEn, string? kind, bool requireKind)
    {
        var v = new Validator()
            .Require("code", code, "Label.Code")
            .Require("nameZh", nameZh, "Label.NameZh")
            .MaxLength("nameZh", nameZh?.Trim(), Unit.MaxNameLength, "Label.NameZh")
            .MaxLength("nameEn", nameEn?.Trim(), Unit.MaxNameLength, "Label.NameEn");
        if (!string.IsNullOrWhiteSpace(code) && !UnitRules.IsValidCode(code.Trim()))
        {
            v.Add("code", Text.Get("Unit.CodeChars", Unit.MaxCodeLength));
        }
        var parsed = UnitInput.ParseKind(kind);
        if (requireKind && parsed is null)
        {
            v.Add("kind", string.IsNullOrWhiteSpace(kind) ? Text.Get("Unit.KindRequired") : Text.Get("Unit.KindInvalid", UnitInput.KindList));
        }
        v.ThrowIfInvalid();
        return parsed;
    }

    internal static async Task EnsureCodeFree(BeaconDbContext db, string code, Guid? except, CancellationToken ct)
    {
        code = code.Trim();
        // Codes are unique across the installation, so the check looks past the caller's scope.
        if (await db.Units.IgnoreQueryFilters().AnyAsync(u => u.Code == code && u.Id != except, ct))
        {
            throw new ConflictException(Text.Get("Unit.CodeTaken", code), "code");
        }
    }

    internal static void Map(RouteGroupBuilder units)
    {
        units.MapPost("/", async Task<Created<UnitResponse>> (Request request, BeaconDbContext db, CancellationToken ct) =>
            {
                var unit = await Handle(request, db, ct);
                return TypedResults.Created($"/api/units/{unit.Id}", UnitResponse.From(unit));
            })
            .WithName("CreateUnit")
            .WithSummary("Creates a unit under a parent in the caller's subtree (system administrator).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
