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

public static class UpdateUnit
{
    /// <summary>Renames and, when <see cref="ParentId"/> differs, moves the unit with its subtree.</summary>
    public sealed record Request(string? Code, string? NameZh, string? NameEn, Guid? ParentId);

    public static async Task<Unit> Handle(Guid id, Request r, BeaconDbContext db, CancellationToken ct)
    {
        db.Actor.Require(Permissions.UnitsManage);
        await using var tx = await db.BeginSerializedAsync(WriteLock.UnitTree, ct);
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("Entity.Unit", id);
        CreateUnit.Validate(r.Code, r.NameZh, r.NameEn, kind: null, requireKind: false);
        await CreateUnit.EnsureCodeFree(db, r.Code!, id, ct);

        if (r.ParentId != unit.ParentId)
        {
            Unit? parent = null;
            if (r.ParentId is { } pid)
            {
                parent = await db.Units.FirstOrDefaultAsync(u => u.Id == pid, ct)
                    ?? throw new DomainException(Text.Get("Unit.ParentMissing", pid), "parentId");
            }
            else if (db.Actor.Scope != ScopeKind.System)
            {
                throw new DomainException(Text.Get("Unit.ParentRequired"), "parentId");
            }
            var prefix = unit.Path;
            var descendants = await db.Units.IgnoreQueryFilters()
                .Where(u => u.Path.StartsWith(prefix) && u.Id != unit.Id)
                .ToListAsync(ct);
            unit.MoveTo(parent, descendants);
            await db.RehomeAsync(prefix, unit.Path, ct);
        }
        unit.Rename(r.Code!, r.NameZh!, r.NameEn);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return unit;
    }

    internal static void Map(RouteGroupBuilder units)
    {
        units.MapPut("/{id:guid}", async Task<Ok<UnitResponse>> (Guid id, Request request, BeaconDbContext db, CancellationToken ct) =>
                TypedResults.Ok(UnitResponse.From(await Handle(id, request, db, ct))))
            .WithName("UpdateUnit")
            .WithSummary("Renames a unit or moves it (with its subtree) under another parent; cycles are refused.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
