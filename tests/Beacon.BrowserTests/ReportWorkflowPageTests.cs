using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Beacon.BrowserTests;

public sealed class ReportWorkflowPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
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
}
