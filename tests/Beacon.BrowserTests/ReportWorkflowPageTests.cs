using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Beacon.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ReportWorkflowPageTests(BrowserFixture browser)
{
    private async Task<IPage> SignedIn(string user, string password = "Beacon@2026", int width = 1280)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = width, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByTestId("username").FillAsync(user);
        await page.GetByTestId("password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("home-title")).ToBeVisibleAsync();
        return page;
    }

    private async Task<HttpClient> Api(string user, string password = "Beacon@2026")
    {
        var api = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        var token = await (await api.PostAsJsonAsync("/api/auth/token", new { username = user, password })).Content.ReadFromJsonAsync<JsonElement>();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return api;
    }

    [Fact]
    public async Task A_reporter_sees_the_follow_up_clock_of_a_level_II_event_and_files_a_follow_up_on_a_phone()
    {
        var place = "城关镇南街" + Guid.NewGuid().ToString("N")[..4] + "号";
        using var reporterApi = await Api("reporter");
        var filed = await (await reporterApi.PostAsJsonAsync("/api/reports", new
        {
            eventTypeCode = "accident.fire",
            occurredAt = DateTimeOffset.UtcNow.AddMinutes(-8),
            learnedAt = DateTimeOffset.UtcNow.AddMinutes(-4),
            place,
            peopleAffected = 30,
            unitsInvolved = "城关镇",
            measuresTaken = "疏散",
            measuresPlanned = "排查",
            contactName = "李信息",
            contactPhone = "13800000000",
        })).Content.ReadFromJsonAsync<JsonElement>();
        var id = filed.GetProperty("id").GetGuid();
        var analyst = Http.NewCode("an-analyst");
        await Accounts.Create(browser.App, analyst, "DJ-LH-AN", "analyst");
        using (var analystApi = await Api(analyst, Accounts.Password))
        {
            var assessed = await analystApi.PostAsJsonAsync($"/api/reports/{id}/assessment", new { level = 2, summary = "较大火灾" });
            Assert.True(assessed.IsSuccessStatusCode);
        }

        var page = await SignedIn("reporter", width: 390);
        await page.GotoAsync($"/reports/{id}");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.GetByTestId("event-level")).ToHaveTextAsync("II");
        await Assertions.Expect(page.GetByTestId("next-follow-up")).ToContainTextAsync("剩余");

        // Nothing written: the missing element is named in Chinese and nothing is filed.
        await page.GetByTestId("follow-up-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("follow-up-errors")).ToContainTextAsync("请填写事件进展");
        await page.GetByTestId("follow-up-progress").FillAsync("明火已扑灭，现场清理中");
        await page.GetByTestId("follow-up-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("follow-up-filed")).ToBeVisibleAsync();
        var row = page.GetByTestId("timeline").Locator("tr[data-kind='follow-up']");
        await Assertions.Expect(row).ToContainTextAsync("明火已扑灭");
        await Assertions.Expect(row).ToContainTextAsync("按时");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "event-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task A_duty_officer_plans_a_shift_on_the_roster_and_an_overlap_is_refused_in_chinese()
    {
        var page = await SignedIn("duty");
        await page.GotoAsync("/duty/roster");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("值班表");
        // Next week, so the shift does not change who receives the other tests' reports.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).Date;
        var start = today.AddDays(8).AddHours(8);
        var weeksAhead = (start.Date - today.AddDays(-(((int)today.DayOfWeek + 6) % 7))).Days / 7;
        await page.GetByTestId("shift-start").FillAsync(start.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("shift-end").FillAsync(start.AddHours(24).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("shift-a").SelectOptionAsync(new SelectOptionValue { Label = "王值班" });
        await page.GetByTestId("shift-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("shift-saved")).ToBeVisibleAsync();

        for (var i = 0; i < weeksAhead; i++)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "下一周" }).ClickAsync();
        }
        await Assertions.Expect(page.GetByTestId("roster")).ToContainTextAsync("A岗 王值班");

        // The same times again overlap the shift just planned.
        await page.GetByTestId("shift-start").FillAsync(start.AddHours(2).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("shift-end").FillAsync(start.AddHours(10).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("shift-a").SelectOptionAsync(new SelectOptionValue { Label = "王值班" });
        await page.GetByTestId("shift-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("shift-errors")).ToContainTextAsync("重叠");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "roster.png"), FullPage = true });
    }

    [Fact]
    public async Task A_leader_declares_a_protection_period_and_the_town_files_its_daily_report()
    {
        var name = "防汛特别防护期" + Guid.NewGuid().ToString("N")[..4];
        var leader = await SignedIn("leader");
        await leader.GotoAsync("/periods");
        await leader.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        // Nothing chosen: each missing element is named.
        await leader.GetByTestId("period-declare").ClickAsync();
        await Assertions.Expect(leader.GetByTestId("declare-errors")).ToContainTextAsync("请填写名称");
        await Assertions.Expect(leader.GetByTestId("declare-errors")).ToContainTextAsync("请至少选择一个单位");
        await leader.GetByTestId("period-name").FillAsync(name);
        await leader.Locator("label", new() { HasText = "城关镇" }).GetByTestId("period-unit").CheckAsync();
        await leader.GetByTestId("period-declare").ClickAsync();
        await Assertions.Expect(leader.GetByTestId("coverage-count")).ToHaveTextAsync("已报 0 / 应报 1");
        await Assertions.Expect(leader.GetByTestId("coverage").Locator("tr[data-state='open']")).ToContainTextAsync("城关镇");

        var reporter = await SignedIn("reporter", width: 390);
        await reporter.GotoAsync("/periods");
        await reporter.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await reporter.Locator("tr", new() { HasText = name }).GetByTestId("period-show").ClickAsync();
        await reporter.GetByTestId("daily-summary").FillAsync("辖区平稳，无突发事件");
        await reporter.GetByTestId("daily-submit").ClickAsync();
        await Assertions.Expect(reporter.GetByTestId("daily-message")).ToHaveTextAsync("日报已报送。");
        await Assertions.Expect(reporter.GetByTestId("coverage-count")).ToHaveTextAsync("已报 1 / 应报 1");
        await reporter.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "period-phone.png"), FullPage = true });
        // Filed twice: refused in Chinese, still one.
        await reporter.GetByTestId("daily-summary").FillAsync("再报一次");
        await reporter.GetByTestId("daily-submit").ClickAsync();
        await Assertions.Expect(reporter.GetByTestId("daily-message")).ToContainTextAsync("日报已报送");
        await Assertions.Expect(reporter.GetByTestId("daily-message")).ToContainTextAsync("的日报已报送。");
    }

    [Fact]
    public async Task A_leader_shortens_the_first_report_clock_for_the_city_and_puts_it_back()
    {
        var page = await SignedIn("leader");
        await page.GotoAsync("/reports/deadlines");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var first = page.GetByTestId("deadlines").Locator("tr", new() { HasText = "首报" }).First;
        await Assertions.Expect(first).ToContainTextAsync("15");
        await Assertions.Expect(first).ToContainTextAsync("默认");

        await page.GetByTestId("override-add").ClickAsync();
        await page.GetByTestId("override-save").ClickAsync(); // no minutes given
        await Assertions.Expect(page.GetByTestId("override-errors")).ToContainTextAsync("时限须在 1 分钟到 31 天之间");
        await page.GetByTestId("override-minutes").FillAsync("10");
        await page.GetByTestId("override-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("override-saved")).ToBeVisibleAsync();
        await Assertions.Expect(first).ToContainTextAsync("10");
        await Assertions.Expect(first).ToContainTextAsync("临海市");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "deadlines.png"), FullPage = true });

        // Removed again: the default applies once more (and the other tests keep their clocks).
        await page.GetByTestId("override-remove").ClickAsync();
        await page.GetByTestId("override-save").ClickAsync();
        await Assertions.Expect(first).ToContainTextAsync("默认");
    }

    [Fact]
    public async Task An_analyst_drafts_a_warning_with_its_CAP_preview_a_leader_issues_it_and_the_public_page_shows_it()
    {
        var headline = "东江暴雨黄色预警" + Guid.NewGuid().ToString("N")[..4];
        var analyst = await SignedIn("analyst");
        await analyst.GotoAsync("/warnings/new");
        await analyst.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await analyst.GetByTestId("warning-save").ClickAsync();
        await Assertions.Expect(analyst.GetByTestId("warning-errors")).ToContainTextAsync("请填写标题");

        await analyst.GetByTestId("warning-type").SelectOptionAsync("natural.meteorological");
        await analyst.GetByTestId("warning-headline").FillAsync(headline);
        await analyst.GetByTestId("warning-description").FillAsync("预计未来12小时将出现50毫米以上降雨。");
        await analyst.GetByTestId("warning-public-instruction").FillAsync("减少外出，注意防范城市内涝。");
        await analyst.GetByTestId("warning-area").FillAsync("临海市");
        await analyst.GetByTestId("warning-public").CheckAsync();
        await analyst.GetByTestId("warning-preview").ClickAsync();
        await Assertions.Expect(analyst.GetByTestId("cap-preview")).ToContainTextAsync("<msgType>Alert</msgType>");
        await Assertions.Expect(analyst.GetByTestId("cap-preview")).ToContainTextAsync("<severity>Moderate</severity>");
        await Assertions.Expect(analyst.GetByTestId("sms-text")).ToContainTextAsync(headline);
        await Assertions.Expect(analyst.GetByTestId("sms-length")).ToContainTextAsync("1 条短信");
        await analyst.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "warning-editor.png"), FullPage = true });
        await analyst.GetByTestId("warning-save").ClickAsync();
        await Assertions.Expect(analyst.GetByTestId("warning-state-text")).ToHaveTextAsync("草稿");
        var url = analyst.Url;

        var leader = await SignedIn("leader");
        await leader.GotoAsync(url);
        await leader.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await leader.GetByTestId("warning-approve").ClickAsync();
        await Assertions.Expect(leader.GetByTestId("warning-state-text")).ToHaveTextAsync("生效中");
        await leader.GetByTestId("show-cap").First.ClickAsync();
        await Assertions.Expect(leader.GetByTestId("cap-xml")).ToContainTextAsync("<status>Actual</status>");
        await leader.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "warning-issued.png"), FullPage = true });

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseUrl });
        var visitor = await context.NewPageAsync();
        await visitor.GotoAsync("/public/warnings");
        await Assertions.Expect(visitor.GetByTestId("public-warning").Filter(new() { HasText = headline })).ToContainTextAsync("黄色");
    }

    [Fact]
    public async Task An_analyst_imports_a_CAP_file_and_edits_the_draft_to_chosen_units_and_a_wider_audience()
    {
        var headline = "大风黄色预警" + Guid.NewGuid().ToString("N")[..4];
        static string At(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'-00:00'", System.Globalization.CultureInfo.InvariantCulture);
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>UP-{Guid.NewGuid():N}</identifier><sender>met@example.org</sender><sent>{At(DateTimeOffset.UtcNow)}</sent>
              <status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
              <info><language>zh-CN</language><category>Met</category><event>大风</event><urgency>Expected</urgency><severity>Moderate</severity>
                <certainty>Likely</certainty><expires>{At(DateTimeOffset.UtcNow.AddHours(6))}</expires><headline>{headline}</headline>
                <description>沿海将出现8级大风。</description><instruction>船只回港避风。</instruction><area><areaDesc>临海市沿海</areaDesc></area></info>
            </alert>
            """;
        var analyst = await SignedIn("analyst");
        await analyst.GotoAsync("/warnings/new");
        await analyst.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await analyst.GetByTestId("cap-file").SetInputFilesAsync(new FilePayload
        {
            Name = "alert.xml",
            MimeType = "application/xml",
            Buffer = System.Text.Encoding.UTF8.GetBytes(xml),
        });
        await analyst.WaitForURLAsync("**/edit");
        await analyst.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(analyst.GetByTestId("warning-headline")).ToHaveValueAsync(headline);
        // Yellow goes in-app and by e-mail by default; those cannot be unticked, SMS can be added.
        await Assertions.Expect(analyst.Locator("[data-channel=Email]")).ToBeDisabledAsync();
        await analyst.Locator("[data-channel=Sms]").CheckAsync();
        await analyst.GetByTestId("area-unit").First.CheckAsync();
        await analyst.GetByTestId("warning-save").ClickAsync();
        await Assertions.Expect(analyst.GetByTestId("warning-state-text")).ToHaveTextAsync("草稿");
        await Assertions.Expect(analyst.GetByTestId("warning-summary")).ToContainTextAsync("短信");
        await analyst.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "warning-imported.png"), FullPage = true });

        // The same file again opens the same draft rather than a second one; a file that is not CAP is refused in Chinese.
        await analyst.GotoAsync("/warnings/new");
        await analyst.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await analyst.GetByTestId("cap-file").SetInputFilesAsync(new FilePayload { Name = "x.xml", MimeType = "application/xml", Buffer = "<x/>"u8.ToArray() });
        await Assertions.Expect(analyst.GetByTestId("cap-import-error")).ToBeVisibleAsync();
    }
}
