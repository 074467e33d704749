using Beacon.Responses.Reporting;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Beacon.Responses.Tests;

public sealed class HandlingReportDocumentTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static readonly string[] Headings =
    [
        "一、基本情况", "二、响应级别与决策", "三、处置经过", "四、任务完成情况",
        "五、预警发布情况", "六、资源使用情况", "七、时限执行情况", "八、经验与不足",
    ];

    // UTC instants; Shanghai shows them eight hours later.
    private static DateTimeOffset At(int hour, int minute) => new(2026, 7, 20, hour, minute, 0, TimeSpan.Zero);

    private static HandlingReportModel Model(string title = "关于东江流域暴雨洪水事件的处置报告") => new(
        OrganisationName: "临海市应急管理局",
        Title: title,
        EventType: "暴雨洪水",
        Place: "临海市安宁县",
        Scope: "安宁县沿江3个乡镇",
        CommanderName: "张明",
        ActivatedAt: At(1, 30),
        TerminatedAt: At(9, 0),
        TerminationCondition: "水位回落至警戒线以下，转移群众全部安置",
        Levels:
        [
            new LevelRow(At(1, 30), "Ⅲ级", "李华", "降雨超过预警阈值"),
            new LevelRow(At(3, 0), "Ⅱ级", "王强", null),
        ],
        Timeline:
        [
            new TimelineRow(At(2, 0), "态势", "东江安宁段水位超警0.3米", "赵敏"),
            new TimelineRow(At(2, 30), "预警", "暴雨橙色预警升级为红色", null),
            new TimelineRow(At(3, 15), "任务", "低洼地区群众转移完毕", "钱伟"),
        ],
        Tasks:
        [
            new TaskRow("现场处置组", "转移低洼地区群众", "钱伟", At(4, 0), "已完成", At(3, 15), Overdue: false),
            new TaskRow("后勤保障组", "调运抽水泵", null, At(5, 0), "办理中", null, Overdue: true),
        ],
        Warnings: [new WarningRow(At(1, 0), "橙色", "东江流域暴雨洪水橙色预警", "已解除")],
        Resources: ["抽水泵 12 台", "冲锋舟 3 艘"],
        Deadlines:
        [
            new DeadlineRow("首报", At(2, 0), At(1, 50), "按时"),
            new DeadlineRow("续报", At(2, 30), null, "漏报"),
        ],
        TimeZone: Shanghai,
        GeneratedAt: At(10, 0));

    [Fact]
    public void The_report_is_a_valid_word_document()
    {
        using var doc = Open(Model());

        Assert.Empty(Errors(doc));
    }

    [Fact]
    public void The_eight_headings_appear_in_order_as_heading_1()
    {
        using var doc = Open(Model());

        var headings = BodyOf(doc).Elements<Paragraph>().Where(IsHeading).Select(p => p.InnerText).ToArray();

        Assert.Equal(Headings, headings);
    }

    [Fact]
    public void Heading_1_and_2_are_defined_with_outline_levels()
    {
        using var doc = Open(Model());

        var styles = doc.MainDocumentPart!.StyleDefinitionsPart!.Styles!.Elements<Style>().ToList();
        foreach (var (id, level) in new[] { ("Heading1", 0), ("Heading2", 1) })
        {
            var style = Assert.Single(styles, s => s.StyleId?.Value == id);
            Assert.Equal(level, style.StyleParagraphProperties?.OutlineLevel?.Val?.Value);
        }
    }

    [Fact]
    public void The_timeline_has_one_row_per_entry_in_order_with_local_times()
    {
        using var doc = Open(Model());

        var rows = Assert.Single(Section(doc, "三、处置经过").OfType<Table>()).Elements<TableRow>().ToList();

        string[] header = ["时间", "类别", "内容", "记录人"];
        Assert.Equal(header, rows[0].Elements<TableCell>().Select(c => c.InnerText).ToArray());
        string[] times = ["2026-07-20 10:00", "2026-07-20 10:30", "2026-07-20 11:15"];
        Assert.Equal(times, rows.Skip(1).Select(r => r.Elements<TableCell>().First().InnerText).ToArray());
        Assert.Equal("—", rows[2].Elements<TableCell>().Last().InnerText);
    }

    [Fact]
    public void The_header_carries_the_organisation_name()
    {
        using var doc = Open(Model());

        var header = Assert.Single(doc.MainDocumentPart!.HeaderParts);
        Assert.Contains("临海市应急管理局", header.Header!.InnerText);
        var reference = Assert.Single(BodyOf(doc).Elements<SectionProperties>().Single().Elements<HeaderReference>());
        Assert.Equal(doc.MainDocumentPart!.GetIdOfPart(header), reference.Id?.Value);
    }

    [Fact]
    public void The_task_and_deadline_summaries_count_done_overdue_and_on_time()
    {
        using var doc = Open(Model());

        var tasks = Section(doc, "四、任务完成情况");
        Assert.Equal("共2项，已完成1项，超时1项", tasks.OfType<Paragraph>().First().InnerText);
        Assert.Equal(3, Assert.Single(tasks.OfType<Table>()).Elements<TableRow>().Count());

        var deadlines = Section(doc, "七、时限执行情况");
        Assert.Equal("按时1项，超时或漏报1项", deadlines.OfType<Paragraph>().First().InnerText);
    }

    [Fact]
    public void Missing_values_show_a_dash()
    {
        using var doc = Open(Model() with { TerminatedAt = null, TerminationCondition = "  " });

        var basics = Section(doc, "一、基本情况").Select(e => e.InnerText).ToList();
        Assert.Contains("终止时间：—", basics);
        Assert.Contains("终止条件：—", basics);
        Assert.Contains("启动时间：2026-07-20 09:30", basics);
    }

    [Fact]
    public void Control_characters_in_the_record_are_dropped_and_the_document_stays_valid()
    {
        var model = Model("关于\u0001暴雨洪水事件的处置报告") with
        {
            Timeline = [new TimelineRow(At(2, 0), "态势\u0007", "水位\u0000上涨\u000B\r\n已报告", "赵敏\uFFFF")],
        };

        using var doc = Open(model);

        Assert.Empty(Errors(doc));
        var text = BodyOf(doc).InnerText;
        Assert.Contains("关于暴雨洪水事件的处置报告", text);
        Assert.Contains("水位上涨", text);
        Assert.DoesNotContain("\u0001", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0000", text, StringComparison.Ordinal);
        var row = Assert.Single(Section(doc, "三、处置经过").OfType<Table>()).Elements<TableRow>().Last();
        Assert.Single(row.Descendants<Break>());
    }

    [Fact]
    public void Empty_lists_read_none_instead_of_a_table()
    {
        var model = Model() with
        {
            Levels = [],
            Timeline = [],
            Tasks = [],
            Warnings = [],
            Resources = [" "],
            Deadlines = [],
        };

        using var doc = Open(model);

        Assert.Empty(Errors(doc));
        Assert.Empty(BodyOf(doc).Elements<Table>());
        foreach (var heading in Headings[1..7])
        {
            Assert.Equal("（无）", Assert.Single(Section(doc, heading)).InnerText);
        }
    }

    [Fact]
    public void The_lessons_section_leaves_room_for_the_commander()
    {
        using var doc = Open(Model());

        var lessons = Section(doc, "八、经验与不足").OfType<Paragraph>().Select(p => p.InnerText).ToArray();

        string[] expected = ["（请总指挥补充）", "", ""];
        Assert.Equal(expected, lessons);
    }

    private static WordprocessingDocument Open(HandlingReportModel model) =>
        WordprocessingDocument.Open(new MemoryStream(HandlingReportDocument.Build(model)), false);

    private static List<string> Errors(WordprocessingDocument doc) =>
        new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

    private static Body BodyOf(WordprocessingDocument doc) => doc.MainDocumentPart!.Document!.Body!;

    private static bool IsHeading(Paragraph p) => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1";

    // The elements between a heading and the next one (or the section properties that end the body).
    private static List<OpenXmlElement> Section(WordprocessingDocument doc, string heading) =>
        BodyOf(doc).Elements<Paragraph>().Single(p => IsHeading(p) && p.InnerText == heading)
            .ElementsAfter()
            .TakeWhile(e => e is not SectionProperties && !(e is Paragraph next && IsHeading(next)))
            .ToList();
}
