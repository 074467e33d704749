using System.Globalization;
using Beacon.Platform.Common;
using Beacon.Platform.Identity.Domain;
using Beacon.Warnings.Cap;

namespace Beacon.Warnings.Domain;

public enum WarningState
{
    Draft,
    Approved,
    Issued,
    Lifted,
    Expired,
}

/// <summary>What the analyst writes for one version of a warning.</summary>
public sealed record WarningContent(
    WarningColour? Colour,
    string? Headline,
    string? Description,
    string? PublicInstruction,
    string? UnitInstruction,
    string? AreaDescription,
    string? Polygon,
    string? Circle,
    DateTimeOffset? Onset,
    DateTimeOffset? Expires,
    string? Urgency,
    string? Certainty,
    string? HeadlineEn = null,
    string? DescriptionEn = null,
    string? InstructionEn = null,
    IReadOnlyList<Guid>? AreaUnitIds = null);

/// <summary>One issued (or drafted) state of a warning: each level change and the lifting add one; earlier ones stay readable.</summary>
public sealed record WarningVersion(int Number, string MsgType, WarningColour Colour, WarningContent Content, WarningAudience Audience,
    DateTimeOffset? Sent, Guid DecidedBy, string? Reason);

/// <summary>
/// A four-colour early warning (预警): draft → approved → issued → updated… → lifted or expired. Every
/// decision needs the authority of the level it results in (lifting: of the current level).
/// </summary>
public sealed class Warning : IUnitScoped
{
    public static readonly string[] Urgencies = ["Immediate", "Expected", "Future", "Past", "Unknown"];
    public static readonly string[] Certainties = ["Observed", "Likely", "Possible", "Unlikely", "Unknown"];

    // Not readonly: the store sets it when it loads the warning.
    private List<WarningVersion> _versions = [];

    private Warning()
    {
    }

    public Guid Id { get; private set; }
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public string EventTypeCode { get; private set; } = "";
    /// <summary>Public warnings enter the Atom feed; restricted ones reach only authenticated callers in scope.</summary>
    public bool IsPublic { get; private set; }
    public WarningState State { get; private set; }
    public Guid DraftedBy { get; private set; }
    public Guid? ApprovedBy { get; private set; }
    public DateTimeOffset? IssuedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    /// <summary>For a warning drafted from an imported CAP alert: that alert's sender,identifier.</summary>
    public string? SourceIdentifier { get; private set; }
    public IReadOnlyList<WarningVersion> Versions => _versions;
    public WarningVersion Current => _versions[^1];

    public static Warning Draft(Guid unitId, string unitPath, string? eventTypeCode, bool isPublic, WarningContent c, WarningAudience? wider,
        Guid analystId, DateTimeOffset now, Func<string, bool> isKnownEventType)
    {
        var v = Check(c, now);
        if (string.IsNullOrWhiteSpace(eventTypeCode) || !isKnownEventType(eventTypeCode.Trim()))
        {
            v.Add("eventTypeCode", Text.Get("Warning.EventType"));
        }
        v.ThrowIfInvalid();
        var w = new Warning
        {
            Id = Guid.NewGuid(),
            UnitId = unitId,
            UnitPath = unitPath,
            EventTypeCode = eventTypeCode!.Trim(),
            // A colour whose default audience includes the public feed (red) is always public.
            IsPublic = isPublic || AudienceFor(c.Colour!.Value, wider).PublicFeed,
            State = WarningState.Draft,
            DraftedBy = analystId,
        };
        w._versions.Add(new WarningVersion(1, "Alert", c.Colour!.Value, Clean(c), AudienceFor(c.Colour.Value, wider), null, analystId, null));
        return w;
    }

    /// <summary>
    /// A draft from an imported CAP alert: colour by severity, texts from the zh-CN block when there is one,
    /// area, onset and expiry as given; linked to the source as "sender,identifier" so it is imported once.
    /// </summary>
    public static Warning FromCap(CapAlert alert, string eventTypeCode, Guid unitId, string unitPath, Guid importerId, DateTimeOffset now)
    {
        if (alert.MsgType is not ("Alert" or "Update") || alert.Infos.Count == 0)
        {
            throw new DomainException(Text.Get("Warning.ImportKind"));
        }
        var info = alert.Infos.FirstOrDefault(i => i.Language?.StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true) ?? alert.Infos[0];
        var en = alert.Infos.FirstOrDefault(i => i.Language?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true);
        var colour = info.Severity switch
        {
            "Extreme" => WarningColour.Red,
            "Severe" => WarningColour.Orange,
            "Moderate" => WarningColour.Yellow,
            _ => WarningColour.Blue,
        };
        var area = info.Areas.FirstOrDefault();
        static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
        var content = new WarningContent(colour, Cut(info.Headline ?? info.Event, 160), Cut(info.Description ?? info.Headline ?? info.Event, 4000),
            Cut(info.Instruction, 2000) ?? Text.Get("Warning.NoInstruction"), null,
            Cut(area is null ? info.Event : string.Join("；", info.Areas.Select(a => a.Description)), 1000),
            area?.Polygons.FirstOrDefault(), area?.Circles.FirstOrDefault(), info.Onset ?? info.Effective,
            info.Expires ?? alert.Sent.AddHours(24), Urgencies.Contains(info.Urgency) ? info.Urgency : "Unknown",
            info.Certainty == "Very Likely" ? "Likely" : Certainties.Contains(info.Certainty) ? info.Certainty : "Unknown",
            en is null || en == info ? null : Cut(en.Headline ?? en.Event, 160), en is null || en == info ? null : Cut(en.Description ?? en.Headline ?? en.Event, 4000),
            en is null || en == info ? null : Cut(en.Instruction, 2000));
        var w = Draft(unitId, unitPath, eventTypeCode, alert.Scope == "Public", content, null, importerId, now, _ => true);
        w.SourceIdentifier = $"{alert.Sender},{alert.Identifier}";
        return w;
    }

    /// <summary>The colour's default audience widened by the analyst's choice; it can never be narrowed below the default.</summary>
    public static WarningAudience AudienceFor(WarningColour colour, WarningAudience? chosen)
    {
        var @default = Colours.DefaultAudience(colour);
        return chosen is null ? @default : @default.Widen(chosen);
    }

    /// <summary>Checks the audience an analyst asked for; naming what it would drop of the colour's default.</summary>
    public static void RefuseNarrowing(WarningColour colour, WarningAudience chosen)
    {
        var missing = chosen.MissingFrom(Colours.DefaultAudience(colour));
        if (missing.Count > 0)
        {
            throw new RequestValidationException(new Dictionary<string, string[]>
            {
                ["audience"] = [Text.Get("Warning.Narrowed", Colours.NameZh(colour), string.Join(", ", missing))],
            });
        }
    }

    /// <summary>The analyst reworks a draft before it is decided: content, audience, event type and publicity, checked as when drafted.</summary>
    public void EditDraft(string? eventTypeCode, bool isPublic, WarningContent c, WarningAudience? wider, Guid analystId, DateTimeOffset now,
        Func<string, bool> isKnownEventType)
    {
        RequireState(WarningState.Draft);
        var v = Check(c, now);
        if (string.IsNullOrWhiteSpace(eventTypeCode) || !isKnownEventType(eventTypeCode.Trim()))
        {
            v.Add("eventTypeCode", Text.Get("Warning.EventType"));
        }
        v.ThrowIfInvalid();
        EventTypeCode = eventTypeCode!.Trim();
        IsPublic = isPublic || AudienceFor(c.Colour!.Value, wider).PublicFeed;
        _versions[^1] = new WarningVersion(1, "Alert", c.Colour!.Value, Clean(c), AudienceFor(c.Colour.Value, wider), null, analystId, null);
    }

    /// <summary>The approver whose authority matches the level approves a draft.</summary>
    public void Approve(Guid approverId, Authority authority)
    {
        RequireState(WarningState.Draft);
        RequireAuthority(authority, Current.Colour);
        ApprovedBy = approverId;
        State = WarningState.Approved;
    }

    /// <summary>Issuing sends the first message (CAP Alert); the onset and expiry were checked with the draft.</summary>
    public void Issue(DateTimeOffset now)
    {
        RequireState(WarningState.Approved);
        if (Current.Content.Expires <= now)
        {
            throw new DomainException(Text.Get("Warning.AlreadyExpired"));
        }
        IssuedAt = now.ToUniversalTime();
        _versions[^1] = Current with { Sent = IssuedAt };
        State = WarningState.Issued;
    }

    /// <summary>An upgrade or downgrade: a new version (CAP Update) decided with the authority of the resulting level.</summary>
    public WarningVersion ChangeLevel(WarningContent c, WarningAudience? wider, Guid deciderId, Authority authority, string? reason, DateTimeOffset now)
    {
        RequireState(WarningState.Issued);
        var v = Check(c, now);
        v.Require("reason", reason, "Warning.Reason");
        v.ThrowIfInvalid();
        // A downgrade is decided by the authority of the current level: otherwise whoever may lift blue could
        // downgrade red and then lift it.
        RequireAuthority(authority, (WarningColour)Math.Min((int)Current.Colour, (int)c.Colour!.Value));
        // Area and the analyst's widening carry over unless the change names new ones.
        c = c with { AreaUnitIds = c.AreaUnitIds ?? Current.Content.AreaUnitIds };
        var audience = AudienceFor(c.Colour.Value, wider ?? Current.Audience);
        if (audience.PublicFeed)
        {
            IsPublic = true;
        }
        var version = new WarningVersion(_versions.Count + 1, "Update", c.Colour.Value, Clean(c), audience, now.ToUniversalTime(), deciderId, reason!.Trim());
        _versions.Add(version);
        return version;
    }

    /// <summary>Lifting (解除), with a reason and the authority of the current level: a new version (CAP Cancel).</summary>
    public WarningVersion Lift(string? reason, Guid deciderId, Authority authority, DateTimeOffset now)
    {
        if (State is WarningState.Lifted or WarningState.Expired)
        {
            throw new ConflictException(Text.Get("Warning.Ended"));
        }
        RequireState(WarningState.Issued);
        new Validator().Require("reason", reason, "Warning.Reason").ThrowIfInvalid();
        RequireAuthority(authority, Current.Colour);
        var version = Current with { Number = _versions.Count + 1, MsgType = "Cancel", Sent = now.ToUniversalTime(), DecidedBy = deciderId, Reason = reason!.Trim() };
        _versions.Add(version);
        State = WarningState.Lifted;
        EndedAt = now.ToUniversalTime();
        return version;
    }

    /// <summary>An issued warning past its expiry time is lifted by expiry (no further message: CAP receivers expire it themselves).</summary>
    public bool ExpireIfDue(DateTimeOffset now)
    {
        if (State != WarningState.Issued || Current.Content.Expires is not { } expires || now < expires)
        {
            return false;
        }
        State = WarningState.Expired;
        EndedAt = now.ToUniversalTime();
        return true;
    }

    /// <summary>The stable, unique CAP identifier of a version.</summary>
    public string Identifier(int version) => $"beacon-{Id:N}-{version}";

    /// <summary>
    /// A version as an OASIS CAP 1.2 message: Alert for the first issue, Update for level changes, Cancel for
    /// lifting, each referencing every earlier message; a zh-CN info block and, when given, an en-US one.
    /// </summary>
    /// <param name="eventName">The event's name in a language ("zh-CN", "en-US"); the type code when not given.</param>
    public CapAlert ToCap(int version, string sender, string senderName, string capCategory, bool test = false, Func<string, string>? eventName = null)
    {
        if (version < 1 || version > _versions.Count || _versions[version - 1].Sent is null)
        {
            throw new NotFoundException("Entity.WarningVersion", version);
        }
        var v = _versions[version - 1];
        var c = v.Content;
        var references = _versions.Take(version - 1).Where(p => p.Sent is not null)
            .Select(p => $"{sender},{Identifier(p.Number)},{CapXml.FormatTime(p.Sent!.Value)}").ToList();
        var area = new CapArea
        {
            Description = c.AreaDescription!,
            Polygons = c.Polygon is null ? [] : [c.Polygon],
            Circles = c.Circle is null ? [] : [c.Circle],
        };
        var cancel = v.MsgType == "Cancel";
        CapInfo Info(string language, string headline, string? description, string? instruction) => new()
        {
            Language = language,
            Categories = [capCategory],
            Event = eventName?.Invoke(language) ?? EventTypeCode,
            ResponseTypes = cancel ? ["AllClear"] : [],
            Urgency = c.Urgency!,
            Severity = Colours.Severity(v.Colour),
            Certainty = c.Certainty!,
            EventCodes = [new CapValue("beacon:event-type", EventTypeCode)],
            // No effective time on a Cancel.
            Effective = cancel ? null : v.Sent,
            Onset = c.Onset,
            Expires = cancel ? v.Sent : c.Expires,
            SenderName = senderName,
            Headline = headline,
            Description = description,
            Instruction = instruction,
            Parameters =
            [
                new CapValue("awareness_level", Colours.AwarenessLevel(v.Colour)),
                new CapValue("awareness_level_zh", $"{Colours.NameZh(v.Colour)}预警 {Colours.LevelZh(v.Colour)}"),
            ],
            Areas = [area],
        };
        var zhHeadline = cancel ? $"解除：{c.Headline}" : c.Headline!;
        var infos = new List<CapInfo> { Info("zh-CN", zhHeadline, cancel ? v.Reason : c.Description, cancel ? null : c.PublicInstruction) };
        if (c.HeadlineEn is not null)
        {
            infos.Add(Info("en-US", cancel ? $"Lifted: {c.HeadlineEn}" : c.HeadlineEn, cancel ? v.Reason : c.DescriptionEn, cancel ? null : c.InstructionEn));
        }
        return new CapAlert
        {
            Identifier = Identifier(v.Number),
            Sender = sender,
            Sent = v.Sent!.Value,
            Status = test ? "Test" : "Actual",
            MsgType = v.MsgType,
            Scope = IsPublic ? "Public" : "Restricted",
            Restriction = IsPublic ? null : "Beacon users of the issuing office's subtree",
            References = references.Count == 0 ? null : string.Join(' ', references),
            Infos = infos,
        };
    }

    private void RequireState(WarningState state)
    {
        if (State != state)
        {
            throw new ConflictException(Text.Get("Warning.State", State, state));
        }
    }

    private static void RequireAuthority(Authority authority, WarningColour level)
    {
        if (!Authorities.Permits(authority, (int)level))
        {
            throw new ForbiddenException(Text.Get("Warning.Authority", Colours.NameZh(level)));
        }
    }

    private static Validator Check(WarningContent c, DateTimeOffset now)
    {
        var v = new Validator()
            .Check(c.Colour is not null && Enum.IsDefined(c.Colour.Value), "colour", Text.Get("Warning.Colour"))
            .Require("headline", c.Headline, "Warning.Headline").MaxLength("headline", c.Headline, 160, "Warning.Headline")
            .Require("description", c.Description, "Warning.Description").MaxLength("description", c.Description, 4000, "Warning.Description")
            .Require("publicInstruction", c.PublicInstruction, "Warning.PublicInstruction")
            .MaxLength("publicInstruction", c.PublicInstruction, 2000, "Warning.PublicInstruction")
            .MaxLength("unitInstruction", c.UnitInstruction, 2000, "Warning.UnitInstruction")
            .Require("areaDescription", c.AreaDescription, "Warning.Area").MaxLength("areaDescription", c.AreaDescription, 1000, "Warning.Area")
            .Check(c.Expires is not null, "expires", Text.Get("Required", Text.Get("Warning.Expires")))
            .Check(c.Urgency is not null && Urgencies.Contains(c.Urgency), "urgency", Text.Get("Warning.Urgency", string.Join(", ", Urgencies)))
            .Check(c.Certainty is not null && Certainties.Contains(c.Certainty), "certainty", Text.Get("Warning.Certainty", string.Join(", ", Certainties)));
        if (c.Expires is { } expires)
        {
            v.Check(expires > now, "expires", Text.Get("Warning.ExpiresPast"));
            v.Check(c.Onset is null || c.Onset < expires, "onset", Text.Get("Warning.OnsetAfterExpiry"));
        }
        foreach (var (field, text) in new[] { ("headline", c.Headline), ("description", c.Description), ("publicInstruction", c.PublicInstruction),
            ("unitInstruction", c.UnitInstruction), ("areaDescription", c.AreaDescription), ("headlineEn", c.HeadlineEn), ("descriptionEn", c.DescriptionEn),
            ("instructionEn", c.InstructionEn) })
        {
            // A character XML cannot carry (pasted from a spreadsheet) would break the CAP message and the feed.
            if (text is not null && text.Any(ch => !System.Xml.XmlConvert.IsXmlChar(ch) && !char.IsSurrogate(ch)))
            {
                v.Add(field, Text.Get("Warning.ControlCharacter"));
            }
        }
        if (c.Polygon is not null && !IsPolygon(c.Polygon))
        {
            v.Add("polygon", Text.Get("Warning.Polygon"));
        }
        if (c.Circle is not null && !IsCircle(c.Circle))
        {
            v.Add("circle", Text.Get("Warning.Circle"));
        }
        if ((c.HeadlineEn is null) != (c.DescriptionEn is null))
        {
            v.Add("headlineEn", Text.Get("Warning.English"));
        }
        return v;
    }

    private static WarningContent Clean(WarningContent c) => c with
    {
        Headline = c.Headline!.Trim(),
        Description = c.Description!.Trim(),
        PublicInstruction = c.PublicInstruction!.Trim(),
        UnitInstruction = string.IsNullOrWhiteSpace(c.UnitInstruction) ? null : c.UnitInstruction.Trim(),
        AreaDescription = c.AreaDescription!.Trim(),
        Onset = c.Onset?.ToUniversalTime(),
        Expires = c.Expires?.ToUniversalTime(),
    };

    private static bool TryPoint(string s, out double lat, out double lon)
    {
        lat = lon = 0;
        var parts = s.Split(',');
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out lat) && lat is >= -90 and <= 90
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out lon) && lon is >= -180 and <= 180;
    }

    /// <summary>CAP polygon: at least four "lat,lon" pairs, the first and last the same.</summary>
    public static bool IsPolygon(string polygon)
    {
        var points = polygon.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return points.Length >= 4 && points.All(p => TryPoint(p, out _, out _)) && points[0] == points[^1];
    }

    /// <summary>CAP circle: "lat,lon radius" with the radius in kilometres.</summary>
    public static bool IsCircle(string circle)
    {
        var parts = circle.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && TryPoint(parts[0], out _, out _)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r >= 0;
    }
}
