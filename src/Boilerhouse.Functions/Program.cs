using Boilerhouse.Core.Workloads;
using Boilerhouse.Dashboard;
using Boilerhouse.Functions;
using Boilerhouse.Functions.Access;
using Boilerhouse.Functions.Apis;
using Boilerhouse.Functions.Routing;
using Boilerhouse.Functions.Settings;
using Boilerhouse.Functions.Telemetry;
using Boilerhouse.Orchestration;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Pools;
using Boilerhouse.Orchestration.Resources;
using Boilerhouse.Orchestration.Timers;
using Boilerhouse.Sync;

var root = HostRoot.Find();
var builder = WebApplication.CreateBuilder(args);
BoilerhouseSettings settings;
TimerOptions timers;
OrchestrationOptions orchestration;
AccessSettings access;
TelemetrySettings telemetry;
Boilerhouse.Orchestration.Events.EventOptions events;
ResourceSettings resources;
Boilerhouse.Orchestration.ActivityLog.ActivityOptions activity;
RoutingSettings routing;
try
{
    builder.Configuration.AddBoilerhouseSources(root);
    settings = BoilerhouseSettings.Load(builder.Configuration, root);
    timers = HostJson.ReadTimers(builder.Configuration);
    orchestration = HostJson.ReadOrchestration(builder.Configuration);
    access = AccessSettings.Load(builder.Configuration, root);
    telemetry = TelemetrySettings.Load(builder.Configuration);
    events = EventSettings.Load(builder.Configuration);
    resources = ResourceSettings.Load(builder.Configuration);
    activity = ActivitySettings.Load(builder.Configuration);
    routing = RoutingSettings.Load(builder.Configuration);
}
catch (SettingsException ex)
{
    Console.Error.WriteLine($"Boilerhouse cannot start: {ex.Message}");
    return 2;
}

Directory.CreateDirectory(settings.DataDirectory);
builder.WebHost.UseUrls(settings.Urls);
builder.Services.AddSingleton(settings);
// Loaded before the silo runs; from then on WorkloadFolder reloads it in place (hot reload, API writes).
var initialWorkloads = Boilerhouse.Orchestration.Workloads.WorkloadFolder.ReadInitial(settings.WorkloadsDirectory, settings.WorkloadPolicy);
builder.Services.AddSingleton(initialWorkloads.ToCatalog());
builder.Services.AddSingleton(new Boilerhouse.Orchestration.Workloads.WorkloadFolderStart(settings.WorkloadsDirectory, settings.WorkloadPolicy, initialWorkloads));
builder.Services.AddBoilerhouseDocker(settings);
builder.Services.AddBoilerhouseOrchestration(settings.Database);
builder.Services.AddBoilerhouseSync(
    key => builder.Configuration[key],
    new SyncOptions
    {
        MaxConcurrentRuns = settings.SyncConcurrency,
        TransfersPerRun = settings.SyncTransfers,
        BeforeFinalManifest = SyncCrashHook.From(builder.Configuration, settings.DataDirectory),
        SpoolFolder = settings.SyncSpool.Folder,
        SpoolLimit = settings.SyncSpool.Limit,
    });
builder.Services.Configure<PoolOptions>(o =>
{
    o.MaxParallelCreates = settings.MaxParallelCreates;
    o.HealthyTimeout = settings.HealthyTimeout;
    o.ClaimWaitTimeout = settings.ClaimWaitTimeout;
    o.InstanceId = settings.InstanceId;
    o.LeftoverGrace = settings.LeftoverGrace;
});
builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(timers));
builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(orchestration));
builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(events));
builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(activity));
builder.UseBoilerhouseSilo(settings);
builder.AddBoilerhouseAccess(access);
builder.AddBoilerhouseTelemetry(telemetry, settings);
builder.Services.AddBoilerhouseTimers();
builder.Services.AddHostedService<Boilerhouse.Orchestration.Workloads.WorkloadWatcher>();
builder.Services.AddBoilerhouseResources(o =>
{
    o.SampleInterval = resources.SampleInterval;
    o.History = resources.History;
    o.FullResolution = resources.FullResolution;
    o.MaxConcurrentReads = resources.MaxConcurrentReads;
});
builder.Services.AddBoilerhouseRouting(routing);
builder.Services.AddBoilerhouseDashboard();
builder.Services.AddSingleton<Boilerhouse.Dashboard.Access.IDashboardSignIn, DashboardSignIn>();
// The dashboard's Fluent UI files are static web assets of referenced packages: served in every environment.
builder.WebHost.UseStaticWebAssets();
builder.Services.AddProblemDetails();
builder.Services.AddSingleton<CommandLog>();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
    o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
});

var app = builder.Build();
await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
try
{
    await AccessStartup.CheckAsync(app.Services, settings.Urls, CancellationToken.None);
}
catch (SettingsException ex)
{
    Console.Error.WriteLine($"Boilerhouse cannot start: {ex.Message}");
    return 2;
}

// Error handling around tenant traffic and access control too, so a database outage met by a key lookup
// answers 503 DATABASE_UNAVAILABLE; the inner one answers endpoints' errors before access control audits the status.
app.UseMiddleware<ErrorHandling>();
app.UseTenantTraffic();
app.UseMiddleware<AccessControl>();
app.UseMiddleware<ErrorHandling>();
app.UseWebSockets();
app.MapTenantsApiV1();
app.MapPoolsApiV1();
app.MapWorkloadsApiV1();
app.MapOrchestrationsApiV1();
app.MapHealthApiV1();
app.MapStateVerifyApiV1();
app.MapHostsApiV1();
app.MapSyncSpecsApiV1();
app.MapAccessApisV1();
app.MapStatsApiV1();
app.MapMetrics();
app.MapEventsApiV1();
app.MapActivityApiV1();
app.MapContainersApiV1();
app.MapContainerAdminApiV1();
app.MapTenantListApiV1();
app.MapResourceStatsApiV1();
app.MapTenantLogsApiV1();
app.MapExecApiV1();
app.MapFilesApiV1();
app.MapTerminalApiV1();
app.MapCommandsApiV1();
app.MapDashboardTerminal();
app.MapOpenApi("/api/v1/openapi.json");
app.MapBoilerhouseDashboard();
await app.RunAsync();
return 0;

public partial class Program;
