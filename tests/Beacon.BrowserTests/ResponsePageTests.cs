using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Playwright;

namespace Beacon.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ResponsePageTests(BrowserFixture browser)
{
    private async Task<IPage> SignedIn(string user, int width = 1280)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseUrl,
            ViewportSize = new() { Width = width, Height = 900 },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByTestId("username").FillAsync(user);
        await page.GetByTestId("password").FillAsync(user.StartsWith("an-analyst", StringComparison.Ordinal) ? Accounts.Password : "Beacon@2026");
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

    private static async Task Interactive(IPage page) =>
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    [Fact]
    public async Task A_level_II_response_is_activated_from_a_report_worked_by_two_units_updated_terminated_and_its_report_opens_in_Word()
    {
        // A flood reported by the town and graded II by the county.
        var place = "东江安宁段堤防" + Guid.NewGuid().ToString("N")[..4];
        using var reporterApi = await Api("reporter");
        var filed = await (await reporterApi.PostAsJsonAsync("/api/reports", new
        {
            eventTypeCode = "natural.flood",
            occurredAt = DateTimeOffset.UtcNow.AddMinutes(-20),
            learnedAt = DateTimeOffset.UtcNow.AddMinutes(-10),
            place,
            peopleAffected = 1200,
            unitsInvolved = "城关镇",
            measuresTaken = "巡堤查险",
            measuresPlanned = "转移低洼地带群众",
            contactName = "李信息",
            contactPhone = "13800000000",
        })).Content.ReadFromJsonAsync<JsonElement>();
        var reportId = filed.GetProperty("id").GetGuid();
        var analyst = Http.NewCode("an-analyst");
        await Accounts.Create(browser.App, analyst, "DJ-LH-AN", "analyst");
        using (var analystApi = await Api(analyst, Accounts.Password))
        {
            Assert.True((await analystApi.PostAsJsonAsync($"/api/reports/{reportId}/assessment", new { level = 2, summary = "重大汛情" })).IsSuccessStatusCode);
        }

        // The city's principal leader activates level II from the report; the command post opens from the flood plan.
        var leader = await SignedIn("leader");
        await leader.GotoAsync($"/reports/{reportId}");
        await Interactive(leader);
        await leader.GetByTestId("activate-from-report").ClickAsync();
        await leader.WaitForURLAsync("**/responses?reportId=*");
        await Interactive(leader);
        await leader.GetByTestId("activate").ClickAsync();
        await Assertions.Expect(leader.GetByTestId("activation-errors")).ToContainTextAsync("影响范围");
        await leader.GetByTestId("activation-scope").FillAsync("东江沿岸城关镇、河口街道");
        await leader.GetByTestId("activate").ClickAsync();
        await leader.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/responses/[0-9a-f-]{36}$"));
        var board = new Uri(leader.Url).AbsolutePath;
        await Assertions.Expect(leader.GetByTestId("response-level")).ToHaveTextAsync("Ⅱ级");
        await Assertions.Expect(leader.GetByTestId("response-state")).ToHaveTextAsync("响应中");
        await Assertions.Expect(leader.GetByTestId("group")).ToHaveCountAsync(4);
        await Assertions.Expect(leader.Locator("[data-testid=task][data-title=转移受威胁群众]")).ToBeVisibleAsync();

        // The county (on-site group) and the housing bureau (logistics) work their tasks on a tablet.
        var duty = await SignedIn("duty", width: 820);
        await duty.GotoAsync(board);
        await Interactive(duty);
        var evacuation = duty.Locator("[data-testid=task][data-title=转移受威胁群众]");
        await evacuation.GetByTestId("task-accept").ClickAsync();
        await Assertions.Expect(evacuation.GetByTestId("task-state")).ToContainTextAsync("已接收");
        await evacuation.GetByTestId("task-text").FillAsync("已转移群众320人");
        await evacuation.GetByTestId("task-done").ClickAsync();
        await Assertions.Expect(evacuation.GetByTestId("task-state")).ToContainTextAsync("已完成");
        await duty.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "response-board-tablet.png"), FullPage = true });

        var handler = await SignedIn("handler", width: 820);
        await handler.GotoAsync(board);
        await Interactive(handler);
        var supplies = handler.Locator("[data-testid=task][data-title=调运抢险物资]");
        await supplies.GetByTestId("task-text").FillAsync("沙袋2000条已运抵");
        await supplies.GetByTestId("task-done").ClickAsync();
        await Assertions.Expect(supplies.GetByTestId("task-state")).ToContainTextAsync("已完成");

        // The commander posts an update and, the condition met, terminates; the report drafted from the record opens in Word.
        await leader.ReloadAsync();
        await Interactive(leader);
        await leader.GetByTestId("update-text").FillAsync("水位回落，堤防险情已排除");
        await leader.GetByTestId("update-post").ClickAsync();
        await Assertions.Expect(leader.GetByTestId("timeline")).ToContainTextAsync("水位回落，堤防险情已排除");
        await leader.GetByTestId("terminate").ClickAsync();
        await Assertions.Expect(leader.GetByTestId("response-error")).ToContainTextAsync("终止条件");
        await leader.GetByTestId("termination-condition").FillAsync("水位回落至警戒线以下，群众已返回");
        await leader.GetByTestId("terminate").ClickAsync();
        await Assertions.Expect(leader.GetByTestId("response-state")).ToHaveTextAsync("已终止");
        await leader.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "response-terminated.png"), FullPage = true });

        var download = await leader.RunAndWaitForDownloadAsync(() => leader.GetByTestId("report-download").ClickAsync());
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        var file = await download.PathAsync();
        using var doc = WordprocessingDocument.Open(file!, false);
        var body = doc.MainDocumentPart!.Document.Body!;
        Assert.Contains("三、处置经过", body.Elements<Paragraph>().Select(p => p.InnerText));
        Assert.Contains("已转移群众320人", body.InnerText, StringComparison.Ordinal);
        Assert.Contains("水位回落，堤防险情已排除", body.InnerText, StringComparison.Ordinal);
        Assert.Contains(place, body.InnerText, StringComparison.Ordinal);
    }
}
