using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Beacon.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ShellTests(BrowserFixture browser)
{
    private async Task<IPage> NewPage()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    private static async Task SignIn(IPage page, string user)
    {
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/login**");
        await page.GetByTestId("username").FillAsync(user);
        await page.GetByTestId("password").FillAsync("Beacon@2026");
        await page.GetByTestId("login-submit").ClickAsync();
    }

    [Fact]
    public async Task Duty_officer_signs_in_sees_chinese_switches_to_english_and_signs_out()
    {
        var page = await NewPage();
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/login**");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("登录");

        await SignIn(page, "duty");
        await Assertions.Expect(page.GetByTestId("home-title")).ToHaveTextAsync("工作台");
        await Assertions.Expect(page.GetByTestId("module-reports")).ToContainTextAsync("信息报送");
        await Assertions.Expect(page.GetByTestId("module-warnings")).Not.ToContainTextAsync("暂未开放");
        await Assertions.Expect(page.GetByTestId("module-responses")).Not.ToContainTextAsync("暂未开放");
        await Assertions.Expect(page.GetByTestId("module-statistics")).ToContainTextAsync("暂未开放");
        await Assertions.Expect(page.GetByTestId("current-user")).ToContainTextAsync("王值班");
        await Assertions.Expect(page.GetByTestId("home-user")).ToContainTextAsync("值班员");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "home-zh.png"), FullPage = true });

        await page.GetByTestId("lang-en").ClickAsync();
        await Assertions.Expect(page.GetByTestId("home-title")).ToHaveTextAsync("Workbench");
        await Assertions.Expect(page.GetByTestId("module-statistics")).ToContainTextAsync("Not yet available");
        await Assertions.Expect(page.GetByTestId("home-user")).ToContainTextAsync("Duty officer");

        // The choice sticks across page loads.
        await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(page.GetByTestId("home-title")).ToHaveTextAsync("Workbench");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "home-en.png"), FullPage = true });

        // Not while the page is turning interactive: the layout re-renders its form then.
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("logout").ClickAsync();
        await page.WaitForURLAsync("**/login**");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/login**");
    }

    [Fact]
    public async Task Wrong_password_shows_a_readable_message()
    {
        var page = await NewPage();
        await page.GotoAsync("/login");
        await page.GetByTestId("username").FillAsync("analyst");
        await page.GetByTestId("password").FillAsync("not-the-password");
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-error")).ToHaveTextAsync("用户名或密码错误，或因多次登录失败账号已被暂时锁定。");
    }

    [Fact]
    public async Task System_administrator_adds_a_unit_on_a_phone_width_screen()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await SignIn(page, "sysadmin");
        await Assertions.Expect(page.GetByTestId("home-title")).ToBeVisibleAsync();
        await page.GotoAsync("/admin/units");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("单位管理");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "DJ-LH-AN", Exact = true })).ToBeVisibleAsync();

        await page.GetByTestId("unit-new").ClickAsync();
        await page.GetByTestId("unit-code").FillAsync("DJ-UI-01");
        await page.GetByTestId("unit-name-zh").FillAsync("界面测试部门");
        await page.GetByTestId("unit-save").ClickAsync();
        // No parent chosen for a department: the rule is shown, in the user's language.
        await Assertions.Expect(page.GetByTestId("units-error")).ToHaveTextAsync("请选择上级单位。");

        await page.Locator("select").Last.SelectOptionAsync(new SelectOptionValue { Label = "\u3000临海市 (DJ-LH)" });
        await page.GetByTestId("unit-save").ClickAsync();
        await Assertions.Expect(page.GetByText("界面测试部门")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "units-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task Audit_administrator_verifies_the_trail_and_reads_entries()
    {
        var page = await NewPage();
        await SignIn(page, "auditadmin");
        await Assertions.Expect(page.GetByTestId("home-title")).ToBeVisibleAsync();
        await page.GotoAsync("/audit");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("审计日志");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.Locator("table.audit tbody tr").First).ToContainTextAsync("auth.signed-in");

        await page.GetByTestId("audit-verify").ClickAsync();
        await Assertions.Expect(page.GetByTestId("audit-verify-result")).ToContainTextAsync("校验通过");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "audit.png") });
    }

    [Fact]
    public async Task Security_administrator_sees_roles_and_policy_pages()
    {
        var page = await NewPage();
        await SignIn(page, "secadmin");
        await Assertions.Expect(page.GetByTestId("home-title")).ToBeVisibleAsync();
        await page.GotoAsync("/security/roles");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("角色分配");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "王值班 (duty)" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "roles.png"), FullPage = true });
        await page.GotoAsync("/security/policy");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("安全策略");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "policy.png") });

        // Pages of the other administrators are not for this role.
        await page.GotoAsync("/admin/units");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("无权访问");
    }

    [Fact]
    public async Task Duty_officer_sees_a_message_arrive_live_and_acknowledges_it()
    {
        var page = await NewPage();
        await SignIn(page, "duty");
        await Assertions.Expect(page.GetByTestId("home-title")).ToBeVisibleAsync();
        // Click in-page links only once the page is live: a click during start-up races the circuit's own first render.
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("nav-inbox").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("消息");
        await page.GetByTestId("inbox-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // The message is written and delivered while the page is open: it appears without a reload.
        var subject = "请核实安宁县城关镇险情 " + Guid.NewGuid().ToString("N")[..6];
        await browser.App.AsSystem(async db =>
        {
            var duty = await db.Users.SingleAsync(u => u.UserName == "duty");
            var path = await db.Units.Where(u => u.Id == duty.UnitId).Select(u => u.Path).SingleAsync();
            browser.App.Services.GetRequiredService<Outbox>().ToUser(db, "test.message", duty.Id, path, subject, "15分钟内回复。");
            await db.SaveChangesAsync();
            return 0;
        });
        await browser.App.Services.GetRequiredService<NotificationDispatcher>().DispatchDueAsync(CancellationToken.None);

        var row = page.Locator("tr", new() { HasText = subject });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await row.GetByTestId("ack").ClickAsync();
        // Acknowledged messages leave the "unacknowledged only" list.
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await page.GetByTestId("inbox-open-only").UncheckAsync();
        await Assertions.Expect(page.Locator("tr", new() { HasText = subject })).ToContainTextAsync("已确认");
    }

    [Fact]
    public async Task Reporter_files_a_first_report_on_a_phone()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await SignIn(page, "reporter");
        await Assertions.Expect(page.GetByTestId("home-title")).ToBeVisibleAsync();
        await page.GotoAsync("/reports/new");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("报送首报");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // Sent half-filled first: every missing element is named, in Chinese.
        await page.GetByTestId("report-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("report-errors")).ToContainTextAsync("请填写事件类型。");
        await Assertions.Expect(page.GetByTestId("report-errors")).ToContainTextAsync("请填写事发地点。");

        await page.GetByTestId("event-type").SelectOptionAsync("accident.fire");
        await page.GetByTestId("place").FillAsync("安宁县城关镇东街12号");
        await page.GetByTestId("people").FillAsync("40");
        await page.GetByTestId("units-involved").FillAsync("城关镇、县消防救援大队");
        await page.GetByTestId("measures-taken").FillAsync("疏散居民40人");
        await page.GetByTestId("measures-planned").FillAsync("排查周边建筑");
        await page.GetByTestId("contact-phone").FillAsync("13800000000");
        await page.GetByTestId("report-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("report-filed")).ToContainTextAsync("按时");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "report-phone.png"), FullPage = true });

        await page.GotoAsync("/reports");
        await Assertions.Expect(page.GetByTestId("reports")).ToContainTextAsync("安宁县城关镇东街12号");
    }

    [Fact]
    public async Task A_report_pops_up_on_the_duty_desk_with_its_countdown()
    {
        var page = await NewPage();
        await SignIn(page, "duty");
        await Assertions.Expect(page.GetByTestId("home-title")).ToBeVisibleAsync();
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("nav-duty").ClickAsync();
        await page.GetByTestId("duty-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // 城关镇's reporter files through the API while the desk is open.
        var place = "城关镇西街" + Guid.NewGuid().ToString("N")[..4] + "号";
        using (var api = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) })
        {
            var token = await (await api.PostAsJsonAsync("/api/auth/token", new { username = "reporter", password = "Beacon@2026" })).Content.ReadFromJsonAsync<JsonElement>();
            api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
            var filed = await api.PostAsJsonAsync("/api/reports", new
            {
                eventTypeCode = "natural.flood",
                occurredAt = DateTimeOffset.UtcNow.AddMinutes(-8),
                learnedAt = DateTimeOffset.UtcNow.AddMinutes(-4),
                place,
                peopleAffected = 12,
                unitsInvolved = "城关镇",
                measuresTaken = "转移群众",
                measuresPlanned = "加固堤防",
                contactName = "李信息",
                contactPhone = "13800000000",
            });
            Assert.Equal(System.Net.HttpStatusCode.Created, filed.StatusCode);
        }
        await browser.App.Services.GetRequiredService<NotificationDispatcher>().DispatchDueAsync(CancellationToken.None);

        var alert = page.GetByTestId("duty-alert").Filter(new() { HasText = place });
        await Assertions.Expect(alert).ToBeVisibleAsync();
        var row = page.GetByTestId("duty-reports").Locator("tr", new() { HasText = place });
        await Assertions.Expect(row.GetByTestId("countdown")).ToContainTextAsync("剩余");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "duty-desk.png") });
        await alert.GetByTestId("duty-ack").ClickAsync();
        await Assertions.Expect(alert).ToHaveCountAsync(0);
    }
}
