using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Boilerhouse.Dashboard.Tests.Infrastructure;

/// <summary>One host and one browser per test class; <see cref="KeyedDashboardFixture"/> starts the host with an admin key.</summary>
public class DashboardFixture : IAsyncLifetime
{
    public DashboardHost Host { get; private set; } = default!;
    public Browser Browser { get; private set; } = default!;

    protected virtual string? AdminKey => null;

    public async Task InitializeAsync()
    {
        Host = await DashboardHost.StartAsync(AdminKey);
        Browser = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Host.DisposeAsync();
    }

    /// <summary>A page that has opened <paramref name="path"/> and whose Blazor circuit is connected (buttons work).</summary>
    public async Task<IPage> OpenAsync(string path)
    {
        var page = await Browser.NewPageAsync(Host.Address);
        await GoAsync(page, path);
        return page;
    }

    public static async Task GoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        // The layout says data-interactive="true" once the page runs in its circuit (before that, clicks do nothing).
        await page.WaitForSelectorAsync("[data-interactive=true]");
    }

    /// <summary>Claims a container for <paramref name="tenantId"/> through the API and waits for the claim to finish.</summary>
    public async Task ClaimAsync(string tenantId, object? config = null, object? secrets = null)
    {
        var body = new Dictionary<string, object> { ["poolId"] = DashboardHost.Pool };
        if (config is not null)
        {
            body["config"] = config;
        }

        if (secrets is not null)
        {
            body["secrets"] = secrets;
        }

        using var response = await Host.Api.PostAsJsonAsync($"/api/v1/tenants/{tenantId}/claim?waitMs=60000", body);
        Assert.True(response.IsSuccessStatusCode, $"claim answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await WaitForTenantAsync(tenantId, "claimed");
    }

    public async Task WaitForTenantAsync(string tenantId, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            using var json = JsonDocument.Parse(await Host.Api.GetStringAsync($"/api/v1/tenants/{tenantId}/status"));
            last = json.RootElement.GetProperty("status").GetString();
            if (last == status)
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"tenant {tenantId} stayed '{last}', not '{status}'");
    }
}

public sealed class KeyedDashboardFixture : DashboardFixture
{
    public const string Key = "dashboard-test-admin-key-0123456789abcdef";

    protected override string? AdminKey => Key;

    /// <summary>A new key of <paramref name="role"/>: (id, secret).</summary>
    public async Task<(string Id, string Secret)> CreateKeyAsync(string role)
    {
        object body = role == "tenant"
            ? new { name = $"dashboard {role}", role, tenants = new[] { "dash-*" } }
            : new { name = $"dashboard {role}", role };
        using var response = await Host.Api.PostAsJsonAsync("/api/v1/keys", body);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("key").GetString()!);
    }

    /// <summary>A fresh browser page signed in with <paramref name="key"/>, on the overview.</summary>
    public async Task<IPage> SignInAsync(string key)
    {
        var page = await Browser.NewPageAsync(Host.Address);
        await page.GotoAsync("/login");
        await page.FillAsync("#key", key);
        await page.ClickAsync("#sign-in");
        return page;
    }
}
