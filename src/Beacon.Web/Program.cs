using Beacon.Hazards;
using Beacon.Platform;
using Beacon.Platform.Data;
using Beacon.Reports;
using Beacon.Responses;
using Beacon.Supervision;
using Beacon.Warnings;
using Beacon.Web;
using Beacon.Web.Components;
using Beacon.Web.Demo;
using Scalar.AspNetCore;

var cli = BeaconCli.Parse(args);
// --demo and the commands' options are ours; left in, the configuration parser would take them as settings.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = BeaconCli.HostArgs(args),
    // Settings and assets sit beside the binaries; data goes where Beacon is started (below).
    ContentRootPath = AppContext.BaseDirectory,
});
// Serve wwwroot and component CSS straight from the build output in every environment, not only Development.
builder.WebHost.UseStaticWebAssets();

// Data lives in ./data of the directory Beacon is started from, unless configured elsewhere.
var dataDirectory = Path.GetFullPath(builder.Configuration["Beacon:DataDirectory"] ?? Path.Combine(Directory.GetCurrentDirectory(), "data"));
builder.Services.AddPlatform(builder.Configuration, dataDirectory);
builder.Services.AddReports();
builder.Services.AddWarnings(builder.Configuration);
builder.Services.AddResponses();
builder.Services.AddSupervision(builder.Configuration);
builder.Services.AddHazards(builder.Configuration);
builder.Services.AddBeaconUi();
builder.Services.AddOpenApi(o =>
{
    // Use cases nest their wire types (CreateUnit.Request, SubmitHazardClosure.Request): name each schema after its
    // declaring types too, or every "Request" would share one schema and the document would describe the wrong body.
    o.CreateSchemaReferenceId = type => Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id && type.Type.IsNested
        ? Beacon.Web.SchemaIds.Qualified(type.Type, id)
        : Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(type);
    o.AddDocumentTransformer((doc, _, _) =>
    {
        doc.Info.Title = "Beacon API";
        doc.Info.Description = "Risk early-warning and emergency response. Get a bearer token from POST /api/auth/token; errors are RFC 7807 problem details.";
        return Task.CompletedTask;
    });
});
builder.Services.AddHttpLogging(o =>
{
    // Method, path, status and duration only: bodies and headers can carry passwords and tokens.
    o.LoggingFields = Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.RequestMethod
        | Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.RequestPath
        | Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.ResponseStatusCode
        | Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.Duration;
    o.CombineLogs = true;
});

var app = builder.Build();

Beacon.Platform.Identity.KeyProtection.WarnIfUnprotected(app.Configuration, app.Environment.IsProduction(), app.Logger);
await PlatformDatabase.InitializeAsync(app.Services);
if (cli.Command is not null)
{
    Environment.ExitCode = await cli.RunAsync(app.Services);
    return;
}
if (cli.Demo || app.Configuration.GetValue<bool>("Beacon:Demo"))
{
    await DemoData.SeedAsync(app.Services);
}

app.UseMiddleware<Beacon.Platform.Common.SecurityHeaders>();
app.UseExceptionHandler();
if (!app.Environment.IsDevelopment())
{
    // Strict-Transport-Security on answers given over HTTPS (behind a TLS-terminating proxy, configure forwarded headers).
    app.UseHsts();
}
app.UseStatusCodePages();
app.UseMiddleware<Beacon.Platform.Common.BodySizeLimit>(1L * 1024 * 1024);
app.UseMiddleware<Beacon.Platform.Data.ReadRetry>();
app.UseHttpLogging();
app.UseRequestLocalization(UiSetup.Localization);
app.UseRateLimiter();
app.UseAuthentication();
app.UseCurrentActor();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapOpenApi();
app.MapScalarApiReference("/docs", o => o.WithTitle("Beacon API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });
app.MapPlatform();
app.MapReports();
app.MapWarnings();
app.MapResponses();
app.MapSupervision();
app.MapHazards();
app.MapUiEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

public partial class Program;
