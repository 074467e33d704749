using Beacon.Platform.Common;
using Beacon.Platform.Data;
using Beacon.Platform.Identity;
using Beacon.Platform.Identity.Domain;
using Beacon.Platform.Units.Domain;
using Beacon.Responses.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Web.Demo;

/// <summary>
/// A fictional organisation for trying Beacon out: created only with --demo, and only into an empty
/// database. Every demo account shares the password in the README.
/// </summary>
public static class DemoData
{
    public const string Password = "Beacon@2026";

    public sealed record DemoUser(string UserName, string DisplayName, string UnitCode, string Role);

    public static readonly IReadOnlyList<DemoUser> Users =
    [
        new("duty", "王值班", "DJ-LH-AN", Roles.DutyOfficer),
        new("reporter", "李信息", "DJ-LH-AN-CG", Roles.Reporter),
        new("analyst", "张研判", "DJ-LH-EM", Roles.Analyst),
        new("leader", "赵领导", "DJ-LH", Roles.Leader),
        new("handler", "陈承办", "DJ-LH-AN-HC", Roles.Handler),
        new("supervisor", "刘督办", "DJ-LH", Roles.Supervisor),
        new("sysadmin", "系统管理员", "DJ", Roles.SystemAdmin),
        new("secadmin", "安全管理员", "DJ", Roles.SecurityAdmin),
        new("auditadmin", "审计管理员", "DJ", Roles.AuditAdmin),
    ];

    private static readonly (string Suffix, string Zh, string En)[] Departments =
    [
        ("EM", "应急管理局", "Emergency Management Bureau"),
        ("PS", "公安局", "Public Security Bureau"),
        ("HE", "卫生健康委员会", "Health Commission"),
        ("HC", "住房和城乡建设局", "Housing and Urban-Rural Development Bureau"),
        ("ED", "教育局", "Education Bureau"),
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("demo-seed");
        var db = scope.ServiceProvider.GetRequiredService<BeaconDbContext>();
        if (await db.Units.AnyAsync(ct))
        {
            return;
        }
        var now = db.Time.GetUtcNow();
        var byCode = new Dictionary<string, Unit>(StringComparer.Ordinal);
        Unit Add(string code, string zh, string en, UnitKind kind, string? parent)
        {
            var u = Unit.Create(Guid.NewGuid(), code, zh, en, kind, parent is null ? null : byCode[parent], now);
            byCode[code] = u;
            db.Units.Add(u);
            return u;
        }

        Add("DJ", "东江省", "Dongjiang Province", UnitKind.Province, null);
        var tree = new (string Code, string Zh, string En, (string Code, string Zh, string En, (string Code, string Zh, string En, string[] Villages)[] Towns)[] Counties)[]
        {
            ("DJ-LH", "临海市", "Linhai City",
            [
                ("DJ-LH-AN", "安宁县", "Anning County",
                [
                    ("DJ-LH-AN-CG", "城关镇", "Chengguan Town", ["东门社区", "西街村"]),
                    ("DJ-LH-AN-HS", "河口街道", "Hekou Subdistrict", ["滨河社区"]),
                ]),
                ("DJ-LH-QS", "青石县", "Qingshi County",
                [
                    ("DJ-LH-QS-SQ", "石桥镇", "Shiqiao Town", ["石桥村"]),
                    ("DJ-LH-QS-LT", "柳塘乡", "Liutang Township", []),
                ]),
            ]),
            ("DJ-SY", "山阳市", "Shanyang City",
            [
                ("DJ-SY-BH", "白河县", "Baihe County",
                [
                    ("DJ-SY-BH-DZ", "渡口镇", "Dukou Town", ["渡口村"]),
                    ("DJ-SY-BH-XY", "新苑街道", "Xinyuan Subdistrict", []),
                ]),
                ("DJ-SY-YL", "云岭县", "Yunling County",
                [
                    ("DJ-SY-YL-FS", "枫山镇", "Fengshan Town", []),
                    ("DJ-SY-YL-MP", "梅坪乡", "Meiping Township", ["梅坪村"]),
                ]),
            ]),
        };
        foreach (var city in tree)
        {
            Add(city.Code, city.Zh, city.En, UnitKind.City, "DJ");
            AddDepartments(city.Code, city.Zh);
            foreach (var county in city.Counties)
            {
                Add(county.Code, county.Zh, county.En, UnitKind.County, city.Code);
                AddDepartments(county.Code, county.Zh);
                foreach (var town in county.Towns)
                {
                    Add(town.Code, town.Zh, town.En, UnitKind.Township, county.Code);
                    for (var i = 0; i < town.Villages.Length; i++)
                    {
                        Add($"{town.Code}-{i + 1:00}", town.Villages[i], "", UnitKind.Village, town.Code);
                    }
                }
            }
        }
        Add("DJ-LH-AN-E01", "安宁化工有限公司", "Anning Chemical Co.", UnitKind.Enterprise, "DJ-LH-AN");
        await db.SaveChangesAsync(ct);

        void AddDepartments(string parentCode, string parentZh)
        {
            foreach (var d in Departments)
            {
                Add($"{parentCode}-{d.Suffix}", parentZh + d.Zh, d.En, UnitKind.Department, parentCode);
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<BeaconUser>>();
        foreach (var d in Users)
        {
            var user = new BeaconUser
            {
                Id = Guid.NewGuid(),
                UserName = d.UserName,
                DisplayName = d.DisplayName,
                UnitId = byCode[d.UnitCode].Id,
                CreatedAt = now,
                LockoutEnabled = true,
                // The demo leader is the city's principal leader: may approve warnings of every colour.
                Authority = d.Role == Roles.Leader ? Authority.PrincipalLeader : Authority.None,
            };
            Check(await users.CreateAsync(user, Password));
            Check(await users.AddToRoleAsync(user, d.Role));
        }

        // The city's flood and fire plans: the command post's groups led by the units of the demo users.
        foreach (var (type, name) in new[] { ("natural.flood", "临海市防汛应急预案"), ("accident.fire", "临海市火灾事故应急预案") })
        {
            db.Set<ResponsePlan>().Add(ResponsePlan.Create(byCode["DJ-LH"].Id, byCode["DJ-LH"].Path, type, name,
            [
                new PlanGroup("coordination", "综合协调组", "Coordination", byCode["DJ-LH-EM"].Id, []),
                new PlanGroup("onsite", "现场处置组", "On-site handling", byCode["DJ-LH-AN"].Id, [byCode["DJ-LH-AN-CG"].Id]),
                new PlanGroup("information", "信息发布组", "Public information", byCode["DJ-LH-EM"].Id, []),
                new PlanGroup("logistics", "后勤保障组", "Logistics", byCode["DJ-LH-AN-HC"].Id, []),
            ],
            [
                new PlanMeasure(1, "请求省级支援", "coordination", 30),
                new PlanMeasure(2, "转移受威胁群众", "onsite", 60),
                new PlanMeasure(2, "调运抢险物资", "logistics", 120),
                new PlanMeasure(3, "开展现场巡查", "onsite", 60),
                new PlanMeasure(4, "发布预警和防范信息", "information", 30),
                new PlanMeasure(4, "收集报送灾情", "coordination", 60),
            ], Guid.Empty, now));
        }
        await db.SaveChangesAsync(ct);
    }

    private static void Check(IdentityResult r)
    {
        if (!r.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", r.Errors.Select(e => e.Description)));
        }
    }
}
