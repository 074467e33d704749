using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Units.Domain;
using Beacon.Platform.Units.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Identity.Features;

/// <summary>
/// The first administrators of an installation (<c>Beacon.Web admin init</c>): an administrator role is otherwise
/// granted only by a holder of it above the account, so the line has to start somewhere outside the UI, with
/// whoever runs the server. Creates the top-level unit when the installation has none yet.
/// </summary>
public static class InitAdministrator
{
    public sealed record Request(string? UserName, string? DisplayName, string? Password, string? Role, string? UnitCode, string? UnitName);

    public sealed record Result(Guid UserId, string UserName, string Role, Guid UnitId, string UnitCode, bool UnitCreated);

    public static async Task<Result> Handle(Request r, BeaconDbContext db, UserManager<BeaconUser> users, CancellationToken ct)
    {
        if (db.Actor.Scope != ScopeKind.System)
        {
            throw new ForbiddenException(Text.Get("Admin.InitCliOnly"));
        }
        var v = new Validator()
            .Require("user", r.UserName, "Label.UserName")
            .Require("password", r.Password, "Label.InitialPassword")
            .Require("unit", r.UnitCode, "Label.Code")
            .Check(r.Role is not null && Roles.IsAdministrator(r.Role), "role", Text.Get("Admin.InitRole", string.Join(", ", Roles.Administrators)));
        v.ThrowIfInvalid();

        await using var tx = await db.BeginSerializedAsync(WriteLock.UnitTree, ct);
        var code = r.UnitCode!.Trim();
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Code == code, ct);
        var created = false;
        if (unit is null)
        {
            if (await db.Units.AnyAsync(ct))
            {
                throw new DomainException(Text.Get("Admin.InitUnitMissing", code), "unit");
            }
            CreateUnit.Validate(code, r.UnitName, null, nameof(UnitKind.Province), requireKind: true);
            unit = Unit.Create(Guid.NewGuid(), code, r.UnitName!.Trim(), null, UnitKind.Province, null, db.Time.GetUtcNow());
            db.Units.Add(unit);
            await db.SaveChangesAsync(ct);
            created = true;
        }
        else if (unit.ParentId is not null)
        {
            throw new DomainException(Text.Get("Admin.InitRootOnly", code), "unit");
        }

        var user = await CreateUser.Handle(new CreateUser.Request(r.UserName, string.IsNullOrWhiteSpace(r.DisplayName) ? r.UserName : r.DisplayName,
            unit.Id, r.Password), db, users, ct);
        var account = await users.FindByIdAsync(user.Id.ToString()) ?? throw new NotFoundException("Entity.User", user.Id);
        IdentityErrors.ThrowIfFailed(await users.AddToRoleAsync(account, r.Role!), "role");
        db.AuditEvent("user.admin-initialized", "user", user.Id.ToString(), new { role = r.Role, user = account.UserName, unit = unit.Code, via = "cli" },
            unit.Path);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new Result(user.Id, account.UserName!, r.Role!, unit.Id, unit.Code, created);
    }
}
