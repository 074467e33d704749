using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Beacon.Responses.Reporting;

/// <summary>
/// Drafts the event handling report (事件处置报告) from the response's record as an editable Word document,
/// for the commander to complete and sign off after termination.
/// </summary>
public static class HandlingReportDocument
{
    // A4 with the margins of official documents (GB/T 9704), in twentieths of a point.
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int MarginTop = 2098;
    private const int MarginBottom = 1984;
    private const int MarginLeft = 1588;
    private const int MarginRight = 1474;
    private const int TextWidth = PageWidth - MarginLeft - MarginRight;

    private const string BodyFont = "宋体";
    private const string HeadingFont = "黑体";
    private const string LatinFont = "Times New Roman";
    private const string Black = "000000";
    private const string Red = "FF0000";
    private const string Grey = "808080";
    private const string Dash = "—";
    private const string Nothing = "（无）";
    private const string OnTime = "按时";
    private const string TimeFormat = "yyyy-MM-dd HH:mm";
    private const string NormalStyle = "Normal";
    private const string HeadingStyle = "Heading1";
    private const string TableTextStyle = "TableText";

    // Relative widths; a time column needs about a fifth of the line for "yyyy-MM-dd HH:mm" not to wrap.
    private static readonly (string Title, int Weight)[] LevelColumns = [("时间", 22), ("级别", 12), ("决定人", 20), ("理由", 46)];
    private static readonly (string Title, int Weight)[] TimelineColumns = [("时间", 22), ("类别", 14), ("内容", 48), ("记录人", 16)];
    private static readonly (string Title, int Weight)[] TaskColumns =
        [("工作组", 13), ("任务", 29), ("承办", 12), ("时限", 22), ("状态", 10), ("完成时间", 22)];
    private static readonly (string Title, int Weight)[] WarningColumns = [("时间", 22), ("颜色", 10), ("标题", 52), ("状态", 16)];
    private static readonly (string Title, int Weight)[] DeadlineColumns = [("类别", 36), ("时限", 22), ("完成时间", 22), ("结果", 20)];

    /// <summary>The report as the bytes of a .docx file.</summary>
    public static byte[] Build(HandlingReportModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var tz = m.TimeZone;

        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = StyleSheet();

            var header = main.AddNewPart<HeaderPart>();
            header.Header = new Header(
                Para(Props(border: Rule(Black, 4), jc: JustificationValues.Center), R(m.OrganisationName, RunProps(size: 21))));
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new Footer(
                Para(Props(jc: JustificationValues.Center), R("— "), new SimpleField(R("1")) { Instruction = " PAGE " }, R(" —")));

            var body = new Body();
            AppendFront(body, m);
            AppendBasics(body, m);

            body.Append(Heading("二、响应级别与决策"));
            body.Append(TableOrNone(m.Levels, LevelColumns, l => new Cell[]
            {
                new(Time(l.At, tz)), new(l.Level), new(l.DecidedBy), new(OrDash(l.Reason)),
            }));

            body.Append(Heading("三、处置经过"));
            body.Append(TableOrNone(m.Timeline, TimelineColumns, t => new Cell[]
            {
                new(Time(t.At, tz)), new(t.Kind), new(t.Text), new(OrDash(t.By)),
            }));

            AppendTasks(body, m);

            body.Append(Heading("五、预警发布情况"));
            body.Append(TableOrNone(m.Warnings, WarningColumns, w => new Cell[]
            {
                new(w.At is { } at ? Time(at, tz) : Dash), new(w.Colour), new(w.Headline), new(w.State),
            }));

            AppendResources(body, m);
            AppendDeadlines(body, m);

            body.Append(
                Heading("八、经验与不足"),
                BodyText(R("（请总指挥补充）", RunProps(color: Grey))),
                BodyText(),
                BodyText());

            // Section properties close the body; references first, then page size before margins.
            body.Append(new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) },
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                new PageSize { Width = (uint)PageWidth, Height = (uint)PageHeight },
                new PageMargin
                {
                    Top = MarginTop,
                    Right = (uint)MarginRight,
                    Bottom = MarginBottom,
                    Left = (uint)MarginLeft,
                    Header = 851U,
                    Footer = 992U,
                    Gutter = 0U,
                }));
            main.Document = new Document(body);

            document.PackageProperties.Title = Clean(m.Title);
            document.PackageProperties.Creator = Clean(m.OrganisationName);
            document.PackageProperties.Language = "zh-CN";
            document.PackageProperties.Created = m.GeneratedAt.UtcDateTime;
        }
        return stream.ToArray();
    }

    // The masthead of an official document: the organisation in large red type over a red rule.
    private static void AppendFront(Body body, HandlingReportModel m) => body.Append(
        Para(
            Props(border: Rule(Red, 12), spacing: new SpacingBetweenLines { After = "240" }, jc: JustificationValues.Center),
            R(m.OrganisationName, RunProps(BodyFont, bold: true, color: Red, size: 52))),
        Para(
            Props(spacing: new SpacingBetweenLines { Before = "240", After = "120" }, jc: JustificationValues.Center),
            R(m.Title, RunProps(BodyFont, bold: true, size: 44))),
        Para(
            Props(spacing: new SpacingBetweenLines { After = "240" }, jc: JustificationValues.Center),
            R("生成时间：" + Time(m.GeneratedAt, m.TimeZone), RunProps(size: 21))));

    private static void AppendBasics(Body body, HandlingReportModel m) => body.Append(
        Heading("一、基本情况"),
        Field("事件类型", m.EventType),
        Field("发生地点", m.Place),
        Field("影响范围", m.Scope),
        Field("总指挥", m.CommanderName),
        Field("启动时间", Time(m.ActivatedAt, m.TimeZone)),
        Field("终止时间", m.TerminatedAt is { } end ? Time(end, m.TimeZone) : null),
        Field("终止条件", m.TerminationCondition));

    private static void AppendTasks(Body body, HandlingReportModel m)
    {
        body.Append(Heading("四、任务完成情况"));
        if (m.Tasks.Count > 0)
        {
            var done = m.Tasks.Count(t => t.DoneAt is not null);
            var overdue = m.Tasks.Count(t => t.Overdue);
            body.Append(BodyText(R(string.Create(CultureInfo.InvariantCulture, $"共{m.Tasks.Count}项，已完成{done}项，超时{overdue}项"))));
        }
        body.Append(TableOrNone(m.Tasks, TaskColumns, t => new Cell[]
        {
            new(t.Group),
            new(t.Title),
            new(OrDash(t.Assignee)),
            new(Time(t.DueAt, m.TimeZone)),
            new(t.State, Alert: t.Overdue),
            new(t.DoneAt is { } finished ? Time(finished, m.TimeZone) : Dash),
        }));
    }

    private static void AppendResources(Body body, HandlingReportModel m)
    {
        body.Append(Heading("六、资源使用情况"));
        var lines = m.Resources.Select(r => Clean(r).Trim()).Where(r => r.Length > 0).ToList();
        if (lines.Count == 0)
        {
            body.Append(None());
        }
        foreach (var line in lines)
        {
            body.Append(BodyText(R("• " + line)));
        }
    }

    private static void AppendDeadlines(Body body, HandlingReportModel m)
    {
        body.Append(Heading("七、时限执行情况"));
        if (m.Deadlines.Count > 0)
        {
            var onTime = m.Deadlines.Count(IsOnTime);
            body.Append(BodyText(R(string.Create(CultureInfo.InvariantCulture,
                $"按时{onTime}项，超时或漏报{m.Deadlines.Count - onTime}项"))));
        }
        body.Append(TableOrNone(m.Deadlines, DeadlineColumns, d => new Cell[]
        {
            new(d.Kind),
            new(Time(d.DueAt, m.TimeZone)),
            new(d.MetAt is { } met ? Time(met, m.TimeZone) : Dash),
            new(d.Outcome, Alert: !IsOnTime(d)),
        }));
    }

    private static bool IsOnTime(DeadlineRow d) => string.Equals(Clean(d.Outcome).Trim(), OnTime, StringComparison.Ordinal);

    private static Styles StyleSheet() => new(
        new DocDefaults(
            new RunPropertiesDefault(
                new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = LatinFont, HighAnsi = LatinFont, EastAsia = BodyFont, ComplexScript = LatinFont },
                    new FontSize { Val = "24" },
                    new FontSizeComplexScript { Val = "24" },
                    new Languages { Val = "en-US", EastAsia = "zh-CN" }))),
        new Style(
            new StyleName { Val = "Normal" },
            new PrimaryStyle(),
            new StyleParagraphProperties(
                new SpacingBetweenLines { After = "0", Line = "360", LineRule = LineSpacingRuleValues.Auto },
                new Justification { Val = JustificationValues.Both }))
        { Type = StyleValues.Paragraph, StyleId = NormalStyle, Default = true },
        // Word recognises its built-in headings by the names "heading 1"/"heading 2": they show in the
        // navigation pane and the table of contents, localised as 标题 1/标题 2.
        HeadingDefinition("Heading1", "heading 1", outline: 0, size: 32),
        HeadingDefinition("Heading2", "heading 2", outline: 1, size: 28),
        new Style(
            new StyleName { Val = "Table Text" },
            new BasedOn { Val = NormalStyle },
            new PrimaryStyle(),
            new StyleParagraphProperties(
                new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                new Justification { Val = JustificationValues.Left }),
            new StyleRunProperties(new FontSize { Val = "21" }, new FontSizeComplexScript { Val = "21" }))
        { Type = StyleValues.Paragraph, StyleId = TableTextStyle, CustomStyle = true });

    private static Style HeadingDefinition(string id, string name, int outline, int size) => new(
        new StyleName { Val = name },
        new BasedOn { Val = NormalStyle },
        new NextParagraphStyle { Val = NormalStyle },
        new UIPriority { Val = 9 },
        new PrimaryStyle(),
        new StyleParagraphProperties(
            new KeepNext(),
            new KeepLines(),
            new SpacingBetweenLines { Before = "240", After = "120" },
            new OutlineLevel { Val = outline }),
        new StyleRunProperties(
            new RunFonts { EastAsia = HeadingFont },
            new FontSize { Val = Number(size) },
            new FontSizeComplexScript { Val = Number(size) }))
    { Type = StyleValues.Paragraph, StyleId = id };

    private static Paragraph Heading(string text) => Para(Props(style: HeadingStyle), R(text));

    private static Paragraph Field(string label, string? value) =>
        BodyText(R(label + "：", RunProps(bold: true)), R(OrDash(value)));

    private static Paragraph None() => BodyText(R(Nothing));

    // Body text is indented two characters, as in official documents.
    private static Paragraph BodyText(params OpenXmlElement[] content) =>
        Para(Props(indent: new Indentation { FirstLineChars = 200, FirstLine = "480" }), content);

    private static Paragraph Para(ParagraphProperties props, params OpenXmlElement[] content)
    {
        var paragraph = new Paragraph(props);
        paragraph.Append(content);
        return paragraph;
    }

    // Children are appended in the order of the schema (CT_PPrBase); the validator rejects any other.
    private static ParagraphProperties Props(
        string? style = null,
        ParagraphBorders? border = null,
        SpacingBetweenLines? spacing = null,
        Indentation? indent = null,
        JustificationValues? jc = null)
    {
        var props = new ParagraphProperties();
        if (style is not null)
        {
            props.Append(new ParagraphStyleId { Val = style });
        }
        if (border is not null)
        {
            props.Append(border);
        }
        if (spacing is not null)
        {
            props.Append(spacing);
        }
        if (indent is not null)
        {
            props.Append(indent);
        }
        if (jc is { } justification)
        {
            props.Append(new Justification { Val = justification });
        }
        return props;
    }

    private static ParagraphBorders Rule(string colour, uint eighthsOfPoint) =>
        new(new BottomBorder { Val = BorderValues.Single, Color = colour, Size = eighthsOfPoint, Space = 1U });

    // Children in the order of the schema (EG_RPrBase): fonts, bold, colour, size.
    private static RunProperties RunProps(string? font = null, bool bold = false, string? color = null, int? size = null)
    {
        var props = new RunProperties();
        if (font is not null)
        {
            props.Append(new RunFonts { EastAsia = font });
        }
        if (bold)
        {
            props.Append(new Bold(), new BoldComplexScript());
        }
        if (color is not null)
        {
            props.Append(new Color { Val = color });
        }
        if (size is { } halfPoints)
        {
            props.Append(new FontSize { Val = Number(halfPoints) }, new FontSizeComplexScript { Val = Number(halfPoints) });
        }
        return props;
    }

    // A newline in w:t is not a line break in Word, nor a tab a tab stop: they become w:br and w:tab.
    private static Run R(string? text, RunProperties? props = null)
    {
        var run = new Run();
        if (props is not null)
        {
            run.Append(props);
        }
        var lines = Clean(text).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }
            var parts = lines[i].Split('\t');
            for (var j = 0; j < parts.Length; j++)
            {
                if (j > 0)
                {
                    run.Append(new TabChar());
                }
                if (parts[j].Length > 0)
                {
                    run.Append(new Text(parts[j]) { Space = SpaceProcessingModeValues.Preserve });
                }
            }
        }
        return run;
    }

    private static OpenXmlElement TableOrNone<T>(IReadOnlyList<T> rows, (string Title, int Weight)[] columns, Func<T, Cell[]> cells)
    {
        if (rows.Count == 0)
        {
            return None();
        }

        var widths = Widths(columns);
        // Fixed layout with a full-width grid so Word and LibreOffice lay the columns out alike.
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = Number(TextWidth), Type = TableWidthUnitValues.Dxa },
                new TableBorders(
                    Line<TopBorder>(),
                    Line<LeftBorder>(),
                    Line<BottomBorder>(),
                    Line<RightBorder>(),
                    Line<InsideHorizontalBorder>(),
                    Line<InsideVerticalBorder>()),
                new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(widths.Select(w => new GridColumn { Width = Number(w) })));

        table.Append(Row(columns.Select((c, i) => CellOf(c.Title, widths[i], header: true, alert: false)), header: true));
        foreach (var row in rows)
        {
            var values = cells(row);
            table.Append(Row(values.Select((v, i) => CellOf(v.Text, widths[i], header: false, alert: v.Alert)), header: false));
        }
        return table;
    }

    private static int[] Widths((string Title, int Weight)[] columns)
    {
        var total = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => TextWidth * c.Weight / total).ToArray();
        // The rounding goes to the last column so the grid fills the line exactly.
        widths[^1] += TextWidth - widths.Sum();
        return widths;
    }

    private static T Line<T>() where T : BorderType, new() =>
        new T { Val = BorderValues.Single, Color = Black, Size = 4U, Space = 0U };

    // The header row repeats on each page, and no row is split across pages.
    private static TableRow Row(IEnumerable<TableCell> cells, bool header)
    {
        var props = new TableRowProperties(new CantSplit());
        if (header)
        {
            props.Append(new TableHeader());
        }
        var row = new TableRow(props);
        row.Append(cells);
        return row;
    }

    // Children in the order of the schema (CT_TcPr): width, shading, vertical alignment.
    private static TableCell CellOf(string text, int width, bool header, bool alert)
    {
        var props = new TableCellProperties(new TableCellWidth { Width = Number(width), Type = TableWidthUnitValues.Dxa });
        if (header)
        {
            props.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "D9D9D9" });
        }
        props.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });

        var paragraph = Para(
            Props(style: TableTextStyle, jc: header ? JustificationValues.Center : null),
            R(text, RunProps(bold: header, color: alert ? Red : null)));
        return new TableCell(props, paragraph);
    }

    private static string Time(DateTimeOffset at, TimeZoneInfo tz) =>
        TimeZoneInfo.ConvertTime(at, tz).ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string OrDash(string? value)
    {
        var cleaned = Clean(value).Trim();
        return cleaned.Length == 0 ? Dash : cleaned;
    }

    // XML 1.0 cannot carry control characters (tab and newline aside), lone surrogates or U+FFFE/U+FFFF,
    // and the SDK throws on saving them; a stray one in a free-text field must not lose the report.
    private static string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                sb.Append(c).Append(value[++i]);
            }
            else if (c is '\t' or '\n' || !(char.IsControl(c) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF'))
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    private readonly record struct Cell(string Text, bool Alert = false);
}
