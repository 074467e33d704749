namespace Beacon.Platform.Identity.Domain;

/// <summary>The roles of PRODUCT.md. Names are stable identifiers stored in the database.</summary>
public static class Roles
{
    public const string DutyOfficer = "duty-officer";
    public const string Reporter = "reporter";
    public const string Analyst = "analyst";
    public const string Leader = "leader";
    public const string Handler = "handler";
    public const string Supervisor = "supervisor";
    public const string SystemAdmin = "system-admin";
    public const string SecurityAdmin = "security-admin";
    public const string AuditAdmin = "audit-admin";

    public static readonly IReadOnlyList<string> Business = [DutyOfficer, Reporter, Analyst, Leader, Handler, Supervisor];
    public static readonly IReadOnlyList<string> Administrators = [SystemAdmin, SecurityAdmin, AuditAdmin];
    public static readonly IReadOnlyList<string> All = [.. Business, .. Administrators];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
    public static bool IsAdministrator(string role) => Administrators.Contains(role, StringComparer.Ordinal);
}

/// <summary>What each role may do on the platform. Fixed in code so that no role can quietly gain another's power.</summary>
public static class Permissions
{
    public const string UnitsRead = "units.read";
    public const string UnitsManage = "units.manage";
    public const string UsersManage = "users.manage";
    public const string RolesAssign = "roles.assign";
    public const string SecurityPolicyManage = "security-policy.manage";
    public const string AuditRead = "audit.read";
    public const string NotificationsManage = "notifications.manage";
    public const string ReportsFile = "reports.file";
    public const string ReportsRead = "reports.read";
    public const string ReportsAssess = "reports.assess";
    public const string ReportsFlag = "reports.flag";
    /// <summary>Push a report down to lower units (通报).</summary>
    public const string ReportsCirculate = "reports.circulate";
    /// <summary>Declare special protection periods (特别防护期).</summary>
    public const string ReportsPeriods = "reports.periods";
    /// <summary>Override the reporting deadlines for a unit's subtree.</summary>
    public const string ReportsPolicy = "reports.policy";
    /// <summary>Acknowledge reports on the duty desk (签收).</summary>
    public const string DutyDesk = "duty.desk";
    public const string WarningsRead = "warnings.read";
    /// <summary>Draft, upgrade, downgrade and propose lifting warnings.</summary>
    public const string WarningsDraft = "warnings.draft";
    /// <summary>Approve warnings and their changes, within the holder's decision authority.</summary>
    public const string WarningsDecide = "warnings.decide";
    /// <summary>Import CAP alerts as draft warnings.</summary>
    public const string WarningsImport = "warnings.import";
    /// <summary>Maintain the event taxonomy (reference data).</summary>
    public const string TaxonomyManage = "taxonomy.manage";
    /// <summary>Plan the duty roster (值班表).</summary>
    public const string DutyRoster = "duty.roster";
    public const string ResponsesRead = "responses.read";
    /// <summary>Maintain response plans (预案): groups, lead and member units, measures per level.</summary>
    public const string ResponsesPlans = "responses.plans";
    /// <summary>Activate, re-level and terminate responses, within the holder's decision authority; command a post.</summary>
    public const string ResponsesCommand = "responses.command";
    /// <summary>Work tasks and post situation updates of a response one's unit takes part in.</summary>
    public const string ResponsesWork = "responses.work";
    public const string HazardsRead = "hazards.read";
    /// <summary>Record hazards and screening results, rectification progress, extension requests, closure evidence.</summary>
    public const string HazardsRecord = "hazards.record";
    /// <summary>The office's side: screening plans, extension decisions, closure acceptance, import.</summary>
    public const string HazardsManage = "hazards.manage";
    /// <summary>The risk matrix's labels and bands (security administrator).</summary>
    public const string RiskMatrixManage = "risk-matrix.manage";
    public const string MattersRead = "matters.read";
    /// <summary>Assign matters, decide extensions, review closures (交办、督办).</summary>
    public const string MattersAssign = "matters.assign";
    /// <summary>Handle matters assigned to one's unit (承办).</summary>
    public const string MattersHandle = "matters.handle";

    private static readonly Dictionary<string, string[]> ByRole = new(StringComparer.Ordinal)
    {
        [Roles.DutyOfficer] = [UnitsRead, ReportsFile, ReportsRead, ReportsCirculate, DutyDesk, DutyRoster, WarningsRead, ResponsesRead, ResponsesWork,
            HazardsRead, HazardsRecord, MattersRead, MattersHandle],
        [Roles.Reporter] = [UnitsRead, ReportsFile, ReportsRead, WarningsRead, ResponsesRead, HazardsRead, HazardsRecord, MattersRead],
        [Roles.Analyst] = [UnitsRead, ReportsFile, ReportsRead, ReportsAssess, ReportsFlag, ReportsCirculate, ReportsPeriods, WarningsRead, WarningsDraft, WarningsImport,
            ResponsesRead, ResponsesPlans, ResponsesWork, HazardsRead, HazardsRecord, HazardsManage, MattersRead, MattersHandle],
        [Roles.Leader] = [UnitsRead, ReportsRead, ReportsFlag, ReportsCirculate, ReportsPeriods, ReportsPolicy, DutyDesk, DutyRoster, WarningsRead, WarningsDecide,
            ResponsesRead, ResponsesCommand, ResponsesWork, HazardsRead, HazardsRecord, HazardsManage, MattersRead, MattersAssign, MattersHandle],
        [Roles.Handler] = [UnitsRead, ReportsRead, WarningsRead, ResponsesRead, ResponsesWork, HazardsRead, HazardsRecord, MattersRead, MattersHandle],
        [Roles.Supervisor] = [UnitsRead, ReportsRead, ReportsFlag, WarningsRead, ResponsesRead, HazardsRead, HazardsRecord, HazardsManage, MattersRead, MattersAssign],
        [Roles.SystemAdmin] = [UnitsRead, UnitsManage, UsersManage, NotificationsManage, TaxonomyManage, WarningsImport, ResponsesPlans],
        [Roles.SecurityAdmin] = [UnitsRead, RolesAssign, SecurityPolicyManage, RiskMatrixManage],
        [Roles.AuditAdmin] = [UnitsRead, AuditRead],
    };

    public static IReadOnlyList<string> Of(string role) => ByRole.TryGetValue(role, out var p) ? p : [];

    public static bool Grants(IEnumerable<string> roles, string permission) => roles.Any(r => Of(r).Contains(permission));
}
