using Beacon.Platform.Common;
using Beacon.Platform.Identity.Domain;
using Beacon.Warnings.Cap;
using Beacon.Warnings.Domain;

namespace Beacon.Warnings.Tests;

public sealed class WarningTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 20, 6, 0, 0, TimeSpan.Zero);
    private static readonly Guid Analyst = Guid.NewGuid();
    private static readonly Guid Leader = Guid.NewGuid();

    private static WarningContent Content(WarningColour colour = WarningColour.Orange, string? en = null) => new(
        colour, "东江流域暴雨洪水橙色预警", "预计未来24小时东江流域降雨量100～200毫米，部分河段将超警戒水位。", "远离河道，低洼地区群众做好转移准备。",
        "各单位落实24小时值班，做好抢险队伍和物资准备。", "临海市、安宁县", "23.1,113.2 23.3,113.2 23.3,113.5 23.1,113.2", null,
        Now.AddHours(1), Now.AddHours(24), "Expected", "Likely", en, en is null ? null : "Heavy rain expected.", en is null ? null : "Stay away from rivers.");

    private static Warning Drafted(WarningColour colour = WarningColour.Orange, string? en = null, WarningAudience? audience = null) =>
        Warning.Draft(Guid.NewGuid(), "/a/", "natural.flood", isPublic: true, Content(colour, en), audience, Analyst, Now, code => code == "natural.flood");

    private static Warning Issued(WarningColour colour = WarningColour.Orange, string? en = null)
    {
        var w = Drafted(colour, en);
        w.Approve(Leader, Authority.PrincipalLeader);
        w.Issue(Now.AddMinutes(5));
        return w;
    }

    [Theory]
    [InlineData(Authority.PrincipalLeader, WarningColour.Red, true)]
    [InlineData(Authority.LeaderInCharge, WarningColour.Red, false)]
    [InlineData(Authority.LeaderInCharge, WarningColour.Orange, true)]
    [InlineData(Authority.UnitHead, WarningColour.Orange, false)]
    [InlineData(Authority.UnitHead, WarningColour.Yellow, true)]
    [InlineData(Authority.BaseUnitHead, WarningColour.Yellow, false)]
    [InlineData(Authority.BaseUnitHead, WarningColour.Blue, true)]
    [InlineData(Authority.None, WarningColour.Blue, false)]
    public void Only_the_authority_of_the_level_approves(Authority authority, WarningColour colour, bool allowed)
    {
        var w = Drafted(colour);
        if (allowed)
        {
            w.Approve(Leader, authority);
            Assert.Equal(WarningState.Approved, w.State);
        }
        else
        {
            Assert.Throws<ForbiddenException>(() => w.Approve(Leader, authority));
            Assert.Equal(WarningState.Draft, w.State);
        }
    }

    [Fact]
    public void A_draft_names_each_missing_or_wrong_element()
    {
        var bad = new WarningContent(null, " ", null, null, null, null, "1,2 3,4", "91,0 5", Now.AddHours(5), Now.AddHours(-1), "Soon", null);
        var e = Assert.Throws<RequestValidationException>(() =>
            Warning.Draft(Guid.NewGuid(), "/a/", "alien", true, bad, null, Analyst, Now, _ => false));
        foreach (var field in new[] { "colour", "headline", "description", "publicInstruction", "areaDescription", "expires", "onset", "urgency",
            "certainty", "polygon", "circle", "eventTypeCode" })
        {
            Assert.True(e.Errors.ContainsKey(field), field);
        }
    }

    [Fact]
    public void The_audience_of_a_colour_can_be_widened_but_never_narrowed()
    {
        var red = Colours.DefaultAudience(WarningColour.Red);
        Assert.True(red.PublicFeed);
        Assert.Equal([WarningChannel.InApp, WarningChannel.Email, WarningChannel.Sms], red.Channels);
        Assert.Equal([WarningChannel.InApp], Colours.DefaultAudience(WarningColour.Blue).Channels);

        var narrow = new WarningAudience([Roles.DutyOfficer], [WarningChannel.InApp], false);
        var e = Assert.Throws<RequestValidationException>(() => Warning.RefuseNarrowing(WarningColour.Orange, narrow));
        Assert.Contains("channel:sms", e.Errors["audience"][0], StringComparison.Ordinal);
        Assert.Contains("role:leader", e.Errors["audience"][0], StringComparison.Ordinal);
        Warning.RefuseNarrowing(WarningColour.Blue, narrow);

        // Widening a blue warning to SMS keeps the default and adds to it.
        var wider = Warning.AudienceFor(WarningColour.Blue, new WarningAudience([Roles.Leader], [WarningChannel.Sms], false));
        Assert.Equal([WarningChannel.InApp, WarningChannel.Sms], wider.Channels);
        Assert.Equal([Roles.DutyOfficer, Roles.Leader], wider.Roles);
    }

    [Fact]
    public void Red_and_orange_escalate_after_ten_minutes_yellow_after_thirty_blue_never()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), Colours.AcknowledgeWithin(WarningColour.Red));
        Assert.Equal(TimeSpan.FromMinutes(10), Colours.AcknowledgeWithin(WarningColour.Orange));
        Assert.Equal(TimeSpan.FromMinutes(30), Colours.AcknowledgeWithin(WarningColour.Yellow));
        Assert.Null(Colours.AcknowledgeWithin(WarningColour.Blue));
    }

    [Fact]
    public void Issue_upgrade_and_lift_give_Alert_Update_and_Cancel_that_reference_the_earlier_messages_and_validate()
    {
        var w = Issued(WarningColour.Orange, en: "Orange flood warning for the Dongjiang basin");
        // The upgrade needs the authority of red: the leader in charge may not, the principal leader may.
        Assert.Throws<ForbiddenException>(() => w.ChangeLevel(Content(WarningColour.Red), null, Leader, Authority.LeaderInCharge, "水位持续上涨", Now.AddHours(2)));
        w.ChangeLevel(Content(WarningColour.Red), null, Leader, Authority.PrincipalLeader, "水位持续上涨", Now.AddHours(2));
        // Lifting needs the authority of the current level (red).
        Assert.Throws<ForbiddenException>(() => w.Lift("雨情减弱", Leader, Authority.LeaderInCharge, Now.AddHours(6)));
        w.Lift("雨情减弱，洪水回落", Leader, Authority.PrincipalLeader, Now.AddHours(6));
        Assert.Equal(WarningState.Lifted, w.State);
        Assert.Throws<ConflictException>(() => w.Lift("again", Leader, Authority.PrincipalLeader, Now.AddHours(7)));

        var sender = "yjj@dongjiang.gov.cn";
        var caps = Enumerable.Range(1, 3).Select(v => w.ToCap(v, sender, "东江省应急管理厅", "Met")).ToList();
        Assert.Equal(["Alert", "Update", "Cancel"], caps.Select(c => c.MsgType));
        Assert.Equal(3, caps.Select(c => c.Identifier).Distinct().Count());
        Assert.Null(caps[0].References);
        Assert.Equal($"{sender},{caps[0].Identifier},{CapXml.FormatTime(caps[0].Sent)}", caps[1].References);
        Assert.Equal(2, caps[2].References!.Split(' ').Length);
        Assert.Equal(["Severe", "Extreme", "Extreme"], caps.Select(c => c.Infos[0].Severity));
        Assert.Equal("4; red; Extreme", caps[1].Infos[0].Parameters.Single(p => p.Name == "awareness_level").Value);
        Assert.Contains("红色预警", caps[1].Infos[0].Parameters.Single(p => p.Name == "awareness_level_zh").Value, StringComparison.Ordinal);
        Assert.Null(caps[2].Infos[0].Effective); // no effective on a Cancel
        Assert.Equal(["zh-CN", "en-US"], caps[0].Infos.Select(i => i.Language));
        foreach (var cap in caps)
        {
            var xml = CapXml.Write(cap);
            Assert.Empty(CapXml.Validate(xml));
            Assert.Contains("-00:00</sent>", xml, StringComparison.Ordinal);
            Assert.Equal(cap.Identifier, CapXml.Read(xml).Identifier);
        }
        // Earlier versions stay readable.
        Assert.Equal(WarningColour.Orange, w.Versions[0].Colour);
    }

    [Fact]
    public void A_downgrade_needs_the_authority_of_the_current_level_and_a_red_warning_is_always_public()
    {
        var w = Issued(WarningColour.Red);
        Assert.Throws<ForbiddenException>(() => w.ChangeLevel(Content(WarningColour.Blue), null, Leader, Authority.BaseUnitHead, "回落", Now.AddHours(1)));
        w.ChangeLevel(Content(WarningColour.Blue), null, Leader, Authority.PrincipalLeader, "回落", Now.AddHours(1));
        Assert.Equal(WarningColour.Blue, w.Current.Colour);

        var red = Warning.Draft(Guid.NewGuid(), "/a/", "natural.flood", isPublic: false, Content(WarningColour.Red), null, Analyst, Now, _ => true);
        Assert.True(red.IsPublic);
        var bad = Content() with { Headline = "暴雨\v预警" };
        var e = Assert.Throws<RequestValidationException>(() => Warning.Draft(Guid.NewGuid(), "/a/", "natural.flood", false, bad, null, Analyst, Now, _ => true));
        Assert.True(e.Errors.ContainsKey("headline"));
    }

    [Fact]
    public void A_draft_has_no_CAP_message_yet_and_a_restricted_warning_says_so()
    {
        var w = Drafted();
        Assert.Throws<NotFoundException>(() => w.ToCap(1, "s", "n", "Met"));
        var restricted = Warning.Draft(Guid.NewGuid(), "/a/", "natural.flood", isPublic: false, Content(), null, Analyst, Now, _ => true);
        restricted.Approve(Leader, Authority.PrincipalLeader);
        restricted.Issue(Now);
        var cap = restricted.ToCap(1, "s@x", "n", "Met", test: true);
        Assert.Equal("Restricted", cap.Scope);
        Assert.Equal("Test", cap.Status);
        Assert.Empty(CapXml.Validate(CapXml.Write(cap)));
    }

    [Fact]
    public void An_issued_warning_expires_at_its_expiry_time_once()
    {
        var w = Issued();
        Assert.False(w.ExpireIfDue(Now.AddHours(23)));
        Assert.True(w.ExpireIfDue(Now.AddHours(24)));
        Assert.False(w.ExpireIfDue(Now.AddHours(25)));
        Assert.Equal(WarningState.Expired, w.State);
        Assert.Throws<ConflictException>(() => w.Lift("late", Leader, Authority.PrincipalLeader, Now.AddHours(25)));
    }

    [Fact]
    public void Only_a_draft_is_approved_and_only_an_approved_warning_is_issued()
    {
        var w = Drafted();
        Assert.Throws<ConflictException>(() => w.Issue(Now));
        w.Approve(Leader, Authority.LeaderInCharge);
        Assert.Throws<ConflictException>(() => w.Approve(Leader, Authority.LeaderInCharge));
        w.Issue(Now);
        Assert.Equal(Now, w.IssuedAt);
        Assert.Equal(Now, w.Current.Sent);
    }
}
