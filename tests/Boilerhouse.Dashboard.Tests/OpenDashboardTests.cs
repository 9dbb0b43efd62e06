using System.Text.Json;
using Boilerhouse.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Boilerhouse.Dashboard.Tests;

/// <summary>The dashboard of a host without keys (open on loopback), in a real browser on the real engine.</summary>
public sealed class OpenDashboardTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task Every_page_opens_and_is_saved_as_a_screenshot()
    {
        await fixture.ClaimAsync("dash-shot");
        var page = await fixture.OpenAsync("/");
        var instance = (await fixture.Host.Api.GetFromJsonDocumentAsync("/api/v1/orchestrations?tenantId=dash-shot"))
            .RootElement.GetProperty("instances")[0].GetProperty("instanceId").GetString();
        var pages = new (string Path, string Title, string File)[]
        {
            ("/", "Overview", "overview"),
            ("/pools", "Pools", "pools"),
            ($"/pools/{DashboardHost.Pool}", $"Pool {DashboardHost.Pool}", "pool-detail"),
            ("/tenants", "Tenants", "tenants"),
            ("/tenants/dash-shot", "Tenant dash-shot", "tenant-detail"),
            ("/sync", "Sync monitor", "sync"),
            ("/workloads", "Workloads", "workloads"),
            ("/hosts", "Docker hosts", "hosts"),
            ("/orchestrations", "Orchestrations", "orchestrations"),
            ($"/orchestrations/{instance}", $"Orchestration {instance}", "orchestration-detail"),
            ("/settings", "Settings", "settings"),
        };

        foreach (var (path, title, file) in pages)
        {
            await DashboardFixture.GoAsync(page, path);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot(file), FullPage = true });
        }
    }

    [Fact]
    public async Task A_claim_through_the_api_appears_live_on_the_open_overview_and_tenants_pages()
    {
        // Given the overview and the tenants page open, before the claim
        var overview = await fixture.OpenAsync("/");
        var tenants = await fixture.OpenAsync("/tenants");
        await Assertions.Expect(tenants.Locator("a[href='/tenants/dash-live']")).ToHaveCountAsync(0);

        // When a tenant claims through the API
        await fixture.ClaimAsync("dash-live");

        // Then both pages show it without a reload (the event feed pushes it)
        await Assertions.Expect(tenants.Locator("a[href='/tenants/dash-live']")).ToBeVisibleAsync();
        await Assertions.Expect(overview.Locator("[data-testid=activity-feed]")).ToContainTextAsync("tenant dash-live claimed container");
        Assert.Equal(tenants.Url, new Uri(fixture.Host.Address, "/tenants").ToString());
    }

    [Fact]
    public async Task Releasing_from_the_tenant_page_asks_first_then_releases()
    {
        await fixture.ClaimAsync("dash-release");
        var page = await fixture.OpenAsync("/tenants/dash-release");

        // Cancelling the confirmation releases nothing
        await page.ClickAsync("#release");
        await AnswerDialogAsync(page, "Cancel");
        await Assertions.Expect(page.Locator("fluent-dialog")).ToHaveCountAsync(0);
        await fixture.WaitForTenantAsync("dash-release", "claimed");

        // Confirming releases the tenant, and the page shows it live
        await page.ClickAsync("#release");
        await AnswerDialogAsync(page, "Release");
        await fixture.WaitForTenantAsync("dash-release", "unclaimed");
        await Assertions.Expect(page.Locator("[data-testid=tenant-state]")).ToContainTextAsync("unclaimed");
    }

    [Fact]
    public async Task Cordoning_a_host_from_the_hosts_page_stops_placements_until_uncordoned()
    {
        var page = await fixture.OpenAsync("/hosts");

        await page.ClickAsync("#cordon-local");
        await AnswerDialogAsync(page, "Yes");
        await Assertions.Expect(page.Locator("[data-testid=hosts-table]")).ToContainTextAsync("cordoned");
        Assert.True(await HostFlagAsync("cordoned"));

        await page.ClickAsync("#uncordon-local");
        await AnswerDialogAsync(page, "Yes");
        await Assertions.Expect(page.Locator("#cordon-local")).ToBeVisibleAsync();
        Assert.False(await HostFlagAsync("cordoned"));
    }

    /// <summary>Clicks the button of the open confirmation dialog that says exactly <paramref name="answer"/>.</summary>
    private static Task AnswerDialogAsync(IPage page, string answer) =>
        page.Locator("fluent-dialog fluent-button", new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^\\s*{answer}\\s*$") }).ClickAsync();

    private async Task<bool> HostFlagAsync(string flag) =>
        (await fixture.Host.Api.GetFromJsonDocumentAsync("/api/v1/hosts/local")).RootElement.GetProperty(flag).GetBoolean();

    private static string Screenshot(string name) => Path.Combine(DashboardHost.RepoRoot(), "docs", "screenshots", $"{name}.png");
}

internal static class JsonApi
{
    public static async Task<JsonDocument> GetFromJsonDocumentAsync(this HttpClient client, string path) =>
        JsonDocument.Parse(await client.GetStringAsync(path));
}
