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
            if (file == "tenant-detail")
            {
                await page.ClickAsync("#open-terminal");
                await Assertions.Expect(page.Locator("[data-testid=terminal][data-state=open]")).ToBeVisibleAsync();
                await page.ClickAsync("[data-testid=terminal]");
                await page.Keyboard.TypeAsync("id; ls /");
                await page.Keyboard.PressAsync("Enter");
                await Assertions.Expect(page.Locator("[data-testid=terminal] .xterm-rows")).ToContainTextAsync("uid=");
            }

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
        // Each host has its own CPU and memory chart, drawn from the sampler's sweeps
        await Assertions.Expect(page.Locator("[data-testid=host-local-memory] polyline")).ToHaveCountAsync(1);

        await page.ClickAsync("#cordon-local");
        await AnswerDialogAsync(page, "Yes");
        await Assertions.Expect(page.Locator("[data-testid=hosts-table]")).ToContainTextAsync("cordoned");
        Assert.True(await HostFlagAsync("cordoned"));

        await page.ClickAsync("#uncordon-local");
        await AnswerDialogAsync(page, "Yes");
        await Assertions.Expect(page.Locator("#cordon-local")).ToBeVisibleAsync();
        Assert.False(await HostFlagAsync("cordoned"));
    }

    [Fact]
    public async Task The_tenant_page_shows_the_stored_config_and_secret_names_but_never_a_secret_value()
    {
        await fixture.ClaimAsync("dash-config", config: new { greeting = "hello-from-config" }, secrets: new Dictionary<string, string> { ["api-key"] = "s3cret-dash-value" });
        var page = await fixture.OpenAsync("/tenants/dash-config");

        var config = page.Locator("[data-testid=tenant-config]");
        await Assertions.Expect(config).ToContainTextAsync("hello-from-config");
        await Assertions.Expect(config).ToContainTextAsync("api-key");
        await Assertions.Expect(page.Locator("[data-testid=config-schema]")).ToContainTextAsync("maxLength");
        Assert.DoesNotContain("s3cret-dash-value", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tenants_page_filters_by_status_and_pool_and_pages_through_every_tenant()
    {
        await fixture.ClaimAsync("dash-page-a");
        await fixture.ClaimAsync("dash-page-b");
        var page = await fixture.OpenAsync("/tenants?limit=1");
        var table = page.Locator("[data-testid=tenants-table]");

        // One tenant a page, in id order: paging forward reaches both, and back again
        await Assertions.Expect(table.Locator("a[href^='/tenants/']")).ToHaveCountAsync(1);
        var seen = new List<string>();
        while (seen.Count < 50)
        {
            seen.Add((await table.Locator("a[href^='/tenants/']").TextContentAsync())!);
            if (await page.Locator("#next-page").GetAttributeAsync("disabled") is not null)
            {
                break;
            }

            var before = seen[^1];
            await page.ClickAsync("#next-page");
            await Assertions.Expect(table.Locator("a[href^='/tenants/']")).Not.ToHaveTextAsync(before);
        }

        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.Contains("dash-page-a", seen);
        Assert.Contains("dash-page-b", seen);
        await page.ClickAsync("#previous-page");
        await Assertions.Expect(table.Locator("a[href^='/tenants/']")).ToHaveTextAsync(seen.Count > 1 ? seen[^2] : seen[0]);

        // Filters: nobody is lost; the first claimed tenant of the pool is the one the API lists first
        await ChooseAsync(page, "#filter-status", "lost");
        await Assertions.Expect(page.Locator("[data-testid=no-tenants]")).ToBeVisibleAsync();
        await ChooseAsync(page, "#filter-status", "claimed");
        await ChooseAsync(page, "#filter-pool", DashboardHost.Pool);
        var first = (await fixture.Host.Api.GetFromJsonDocumentAsync($"/api/v1/tenants?status=claimed&poolId={DashboardHost.Pool}&limit=1"))
            .RootElement.GetProperty("tenants")[0].GetProperty("tenantId").GetString()!;
        await Assertions.Expect(table.Locator("a[href^='/tenants/']")).ToHaveTextAsync(first);
        await Assertions.Expect(table).ToContainTextAsync("claimed");
    }

    [Fact]
    public async Task The_pool_page_charts_cpu_and_memory_as_the_sampler_sweeps()
    {
        await fixture.ClaimAsync("dash-chart");
        var page = await fixture.OpenAsync($"/pools/{DashboardHost.Pool}");

        // New points arrive on the open page (the sampler sweeps every second here)
        var memory = page.Locator("[data-testid=pool-memory]");
        await Assertions.Expect(memory).ToHaveAttributeAsync("data-points", new System.Text.RegularExpressions.Regex("^([3-9]|\\d{2,})$"));
        await Assertions.Expect(memory).ToHaveAttributeAsync("data-latest", new System.Text.RegularExpressions.Regex("^[1-9]\\d*$"));
        await Assertions.Expect(memory.Locator("polyline")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=pool-cpu] polyline")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Scaling_a_pool_from_its_page_warms_containers_and_writes_the_sizes_back()
    {
        // Given a second pool, made through the workloads API, warm at its min_size of 1
        await CreateWorkloadAsync("dash-scale", minSize: 1, maxSize: 4);
        var page = await fixture.OpenAsync("/pools/dash-scale");
        await Assertions.Expect(page.Locator("[data-testid=pool-warm] .bh-card-value")).ToHaveTextAsync("1", new() { Timeout = 60_000 });

        // When an operator scales it to min_size 3 on its page
        await page.FillAsync("#scale-min", "3");
        await page.ClickAsync("#scale-save");

        // Then the sizes change at once, the pool warms to 3 live, and the file says so
        await Assertions.Expect(page.Locator("[data-testid=pool-sizes]")).ToContainTextAsync("3 / 4");
        await Assertions.Expect(page.Locator("[data-testid=pool-warm] .bh-card-value")).ToHaveTextAsync("3", new() { Timeout = 60_000 });
        Assert.Contains("min_size: 3", await WorkloadTextAsync("dash-scale"), StringComparison.Ordinal);

        // And sizes that do not fit (min above max) are refused in place and change nothing
        var before = await WorkloadTextAsync("dash-scale");
        await page.FillAsync("#scale-max", "2");
        await page.ClickAsync("#scale-save");
        await Assertions.Expect(page.Locator("[data-testid=scale-error]")).ToContainTextAsync("max_size");
        await Assertions.Expect(page.Locator("[data-testid=pool-sizes]")).ToContainTextAsync("3 / 4");
        Assert.Equal(before, await WorkloadTextAsync("dash-scale"));
    }

    [Fact]
    public async Task Editing_a_workload_shows_validation_errors_in_place_and_a_valid_edit_is_applied()
    {
        await CreateWorkloadAsync("dash-edit", minSize: 0, maxSize: 2);
        var original = await WorkloadTextAsync("dash-edit");
        var page = await fixture.OpenAsync("/workloads");
        await page.ClickAsync("#workload-dash-edit");
        await Assertions.Expect(page.Locator("#workload-text")).ToHaveValueAsync(original);

        // An invalid edit names the field and its line, and the file stays as it was
        await page.FillAsync("#workload-text", original.Replace("max_size: 2", "max_size: lots", StringComparison.Ordinal));
        await page.ClickAsync("#workload-save");
        await Assertions.Expect(page.Locator("[data-testid=workload-errors]")).ToContainTextAsync("max_size");
        Assert.Equal(original, await WorkloadTextAsync("dash-edit"));

        // A valid edit is written back and runs
        await page.FillAsync("#workload-text", original.Replace("max_size: 2", "max_size: 5", StringComparison.Ordinal));
        await page.ClickAsync("#workload-save");
        await Assertions.Expect(page.Locator("[data-testid=workload-saved]")).ToBeVisibleAsync();
        Assert.Contains("max_size: 5", await WorkloadTextAsync("dash-edit"), StringComparison.Ordinal);
        var pool = await fixture.Host.Api.GetFromJsonDocumentAsync("/api/v1/pools/dash-edit");
        Assert.Equal(5, pool.RootElement.GetProperty("maxSize").GetInt32());
    }

    private async Task CreateWorkloadAsync(string id, int minSize, int maxSize)
    {
        var yaml = $$"""
            x-boilerhouse:
              id: {{id}}
              pool:
                min_size: {{minSize}}
                max_size: {{maxSize}}
            image: boilerhouse/busybox:local
            command: ["sh", "-c", "while true; do sleep 1; done"]
            network_mode: none
            """;
        using var response = await fixture.Host.Api.PostAsync("/api/v1/workloads", new StringContent(yaml, System.Text.Encoding.UTF8, "application/yaml"));
        Assert.True(response.IsSuccessStatusCode, $"creating {id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<string> WorkloadTextAsync(string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/workloads/{id}");
        request.Headers.Accept.ParseAdd("application/yaml");
        using var response = await fixture.Host.Api.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Picks an option of a Fluent select by its text.</summary>
    private static async Task ChooseAsync(IPage page, string select, string option)
    {
        await page.ClickAsync(select);
        await page.Locator($"{select} fluent-option", new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^\\s*{option}\\s*$") }).ClickAsync();
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
