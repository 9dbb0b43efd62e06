using Boilerhouse.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Boilerhouse.Dashboard.Tests;

/// <summary>With keys on, the dashboard signs in with API keys: readers look, operators act, admins see keys, tenants are refused.</summary>
public sealed class SignInTests(KeyedDashboardFixture fixture) : IClassFixture<KeyedDashboardFixture>
{
    [Fact]
    public async Task Without_signing_in_every_page_leads_to_the_sign_in_form()
    {
        var page = await fixture.Browser.NewPageAsync(fixture.Host.Address);
        await page.GotoAsync("/hosts");
        await Assertions.Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_sees_the_pages_but_no_actions_and_no_keys()
    {
        var (_, reader) = await fixture.CreateKeyAsync("reader");
        var page = await fixture.SignInAsync(reader);
        await Assertions.Expect(page.Locator("[data-testid=signed-in-as]")).ToContainTextAsync("(reader)");

        await DashboardFixture.GoAsync(page, "/hosts");
        await Assertions.Expect(page.Locator("[data-testid=hosts-table]")).ToContainTextAsync("local");
        await Assertions.Expect(page.Locator("#cordon-local")).ToHaveCountAsync(0);

        await DashboardFixture.GoAsync(page, "/settings");
        await Assertions.Expect(page.Locator("[data-testid=timers-table]")).ToContainTextAsync("warmPools");
        await Assertions.Expect(page.Locator("[data-testid=keys-table]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_operator_sees_actions_and_an_admin_sees_keys_but_never_a_secret()
    {
        var (_, operatorKey) = await fixture.CreateKeyAsync("operator");
        var page = await fixture.SignInAsync(operatorKey);
        await Assertions.Expect(page.Locator("[data-testid=signed-in-as]")).ToContainTextAsync("(operator)");
        await DashboardFixture.GoAsync(page, "/hosts");
        await Assertions.Expect(page.Locator("#cordon-local")).ToBeVisibleAsync();

        var admin = await fixture.SignInAsync(KeyedDashboardFixture.Key);
        await Assertions.Expect(admin.Locator("[data-testid=signed-in-as]")).ToContainTextAsync("(admin)");
        await DashboardFixture.GoAsync(admin, "/settings");
        await Assertions.Expect(admin.Locator("[data-testid=keys-table]")).ToContainTextAsync("dashboard operator");
        var html = await admin.ContentAsync();
        Assert.DoesNotContain(KeyedDashboardFixture.Key, html, StringComparison.Ordinal);
        Assert.DoesNotContain(operatorKey, html, StringComparison.Ordinal);
        Assert.Contains("BOILERHOUSE_ADMIN_KEY", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tenant_keys_and_wrong_keys_are_refused_with_a_reason()
    {
        var (_, tenant) = await fixture.CreateKeyAsync("tenant");
        var page = await fixture.SignInAsync(tenant);
        await Assertions.Expect(page.Locator("[data-testid=login-error]")).ToContainTextAsync("Tenant keys cannot open the dashboard");

        page = await fixture.SignInAsync("not-a-key-at-all");
        await Assertions.Expect(page.Locator("[data-testid=login-error]")).ToContainTextAsync("not valid");
    }

    [Fact]
    public async Task Signing_out_and_revoking_a_key_both_end_the_session()
    {
        // Signing out
        var (_, first) = await fixture.CreateKeyAsync("reader");
        var page = await fixture.SignInAsync(first);
        await Assertions.Expect(page.Locator("[data-testid=signed-in-as]")).ToBeVisibleAsync();
        await page.WaitForSelectorAsync("[data-interactive=true]");
        await page.ClickAsync("#sign-out");
        await Assertions.Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#sign-in")).ToBeVisibleAsync();

        // Revoking: the open page is sent to the sign-in form, and so is the next request
        var (id, second) = await fixture.CreateKeyAsync("operator");
        page = await fixture.SignInAsync(second);
        await page.WaitForSelectorAsync("[data-interactive=true]");
        (await fixture.Host.Api.DeleteAsync($"/api/v1/keys/{id}")).EnsureSuccessStatusCode();
        await Assertions.Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        await page.GotoAsync("/pools");
        await Assertions.Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
    }
}
