using Microsoft.Playwright;

namespace Beacon.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class HazardPageTests(BrowserFixture browser)
{
    private static readonly byte[] Png =
        Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

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
        await page.GetByTestId("password").FillAsync("Beacon@2026");
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("home-title")).ToBeVisibleAsync();
        return page;
    }

    private static async Task Interactive(IPage page) =>
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    [Fact]
    public async Task A_town_records_a_hazard_with_a_photo_on_a_phone_the_city_orders_its_rectification_and_closes_it_on_the_evidence_and_the_ledger_exports()
    {
        var place = "城关镇农贸市场" + Guid.NewGuid().ToString("N")[..4];
        var reporter = await SignedIn("reporter", width: 390);
        await reporter.GotoAsync("/hazards/new");
        await Interactive(reporter);
        await reporter.GetByTestId("hazard-save").ClickAsync();
        await Assertions.Expect(reporter.GetByTestId("hazard-errors")).ToBeVisibleAsync();
        await reporter.GetByTestId("hazard-domain").FillAsync("消防");
        await reporter.GetByTestId("hazard-place").FillAsync(place);
        await reporter.GetByTestId("hazard-description").FillAsync("消防通道被摊位占用，灭火器过期。");
        await reporter.GetByTestId("hazard-likelihood").SelectOptionAsync("4");
        await reporter.GetByTestId("hazard-impact").SelectOptionAsync("4");
        await Assertions.Expect(reporter.GetByTestId("hazard-band")).ToContainTextAsync("高");
        await reporter.GetByTestId("hazard-photos").SetInputFilesAsync(new FilePayload { Name = "通道.png", MimeType = "image/png", Buffer = Png });
        await Assertions.Expect(reporter.GetByTestId("hazard-picked")).ToContainTextAsync("通道.png");
        await reporter.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "hazard-form-phone.png"), FullPage = true });
        await reporter.GetByTestId("hazard-save").ClickAsync();
        await Assertions.Expect(reporter.GetByTestId("hazard-state")).ToContainTextAsync("待整改");
        await Assertions.Expect(reporter.GetByTestId("hazard-files")).ToContainTextAsync("通道.png");
        var url = new Uri(reporter.Url).AbsolutePath;

        // The city's leader orders the rectification by the town.
        var leader = await SignedIn("leader");
        await leader.GotoAsync(url);
        await Interactive(leader);
        await leader.GetByTestId("rect-unit").SelectOptionAsync(new SelectOptionValue { Label = "城关镇" });
        await leader.GetByTestId("rect-person").FillAsync("李镇长");
        await leader.GetByTestId("rect-measures").FillAsync("清理通道，更换灭火器。");
        await leader.GetByTestId("rect-save").ClickAsync();
        await Assertions.Expect(leader.GetByTestId("hazard-state")).ToContainTextAsync("整改中");

        // The town asks to close it with the photo as evidence; the city accepts.
        await reporter.ReloadAsync();
        await Interactive(reporter);
        await reporter.GetByTestId("closure-submit").ClickAsync();
        await Assertions.Expect(reporter.GetByTestId("hazard-error")).ToBeVisibleAsync();
        await reporter.GetByTestId("evidence-pick").First.CheckAsync();
        await reporter.GetByTestId("closure-note").FillAsync("通道已清理，灭火器已更换。");
        await reporter.GetByTestId("closure-submit").ClickAsync();
        await Assertions.Expect(reporter.GetByTestId("hazard-state")).ToContainTextAsync("待销号");
        await leader.ReloadAsync();
        await Interactive(leader);
        await leader.GetByTestId("closure-accept").ClickAsync();
        await Assertions.Expect(leader.GetByTestId("hazard-state")).ToContainTextAsync("已销号");

        // The ledger finds it and exports it.
        await leader.GotoAsync("/hazards");
        await Interactive(leader);
        await leader.GetByTestId("filter-q").FillAsync(place);
        await leader.GetByTestId("filter-apply").ClickAsync();
        await Assertions.Expect(leader.GetByTestId("hazards")).ToContainTextAsync(place);
        await leader.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "hazard-ledger.png"), FullPage = true });
        var download = await leader.RunAndWaitForDownloadAsync(() => leader.GetByTestId("hazard-export").ClickAsync());
        await using var file = File.OpenRead((await download.PathAsync())!);
        using var book = new ClosedXML.Excel.XLWorkbook(file);
        var rows = book.Worksheet(1).RowsUsed().ToList();
        Assert.Equal("编号", rows[0].Cell(1).GetString());
        Assert.Contains(rows, r => r.Cell(5).GetString() == place);
    }

    [Fact]
    public async Task A_supervisor_assigns_a_matter_and_the_handling_bureau_finds_it_on_its_board_and_reports_progress()
    {
        var title = "危房排查" + Guid.NewGuid().ToString("N")[..4];
        var supervisor = await SignedIn("supervisor");
        await supervisor.GotoAsync("/matters");
        await Interactive(supervisor);
        await supervisor.GetByTestId("assign").Locator("summary").ClickAsync();
        await supervisor.GetByTestId("assign-title").FillAsync(title);
        await supervisor.GetByTestId("assign-notice").FillAsync("对辖区内危房开展排查并落实整改。");
        await supervisor.GetByTestId("assign-unit").SelectOptionAsync(new SelectOptionValue { Label = "安宁县住房和城乡建设局" });
        await supervisor.GetByTestId("assign-leader").SelectOptionAsync(new SelectOptionValue { Label = "赵领导" });
        await supervisor.GetByTestId("assign-save").ClickAsync();
        await Assertions.Expect(supervisor.GetByTestId("matter-state")).ToContainTextAsync("已交办");

        var handler = await SignedIn("handler", width: 820);
        await handler.GotoAsync("/matters");
        await Interactive(handler);
        await handler.GetByTestId("view-handling").ClickAsync();
        await handler.GetByTestId("matters").GetByText(title).WaitForAsync();
        await handler.GetByTestId("matters").Locator("tr", new() { HasText = title }).GetByTestId("matter-link").ClickAsync();
        await Interactive(handler);
        await handler.GetByTestId("progress-text").FillAsync("已排查12栋");
        await handler.GetByTestId("progress-save").ClickAsync();
        await Assertions.Expect(handler.GetByTestId("matter-state")).ToContainTextAsync("办理中");
        await Assertions.Expect(handler.GetByTestId("matter-history")).ToContainTextAsync("已排查12栋");
        await handler.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "matter-tablet.png"), FullPage = true });
    }
}
