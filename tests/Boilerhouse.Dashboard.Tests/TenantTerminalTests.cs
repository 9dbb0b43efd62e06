using System.Net;
using System.Net.WebSockets;
using Boilerhouse.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Boilerhouse.Dashboard.Tests;

/// <summary>
/// With keys on, the tenant page's terminal: an operator signed in with the cookie types in a real shell
/// of the tenant's container; readers and other sites cannot open one.
/// </summary>
public sealed class TenantTerminalTests(KeyedDashboardFixture fixture) : IClassFixture<KeyedDashboardFixture>
{
    [Fact]
    public async Task An_operator_runs_a_command_in_the_terminal_and_the_command_log_shows_the_session_live()
    {
        // Given an operator on the page of a claimed tenant
        await fixture.ClaimAsync("dash-term");
        var (_, operatorKey) = await fixture.CreateKeyAsync("operator");
        var page = await fixture.SignInAsync(operatorKey);
        await DashboardFixture.GoAsync(page, "/tenants/dash-term");
        await Assertions.Expect(page.Locator("[data-testid=no-commands]")).ToBeVisibleAsync();

        // When the terminal opens and a command is typed
        await page.ClickAsync("#open-terminal");
        await Assertions.Expect(page.Locator("[data-testid=terminal][data-state=open]")).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=terminal]");
        await page.Keyboard.TypeAsync("echo hi-$((1+1))");
        await page.Keyboard.PressAsync("Enter");

        // Then the shell's answer (not the typed text) shows in the terminal
        await Assertions.Expect(page.Locator("[data-testid=terminal] .xterm-rows")).ToContainTextAsync("hi-2");

        // And once the shell exits, the command log shows the session, its key and exit code, without a reload
        await page.Keyboard.TypeAsync("exit 3");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=terminal]")).ToHaveAttributeAsync("data-state", "closed");
        var log = page.Locator("[data-testid=command-log]");
        await Assertions.Expect(log).ToContainTextAsync("terminal");
        await Assertions.Expect(log).ToContainTextAsync("dashboard operator");
        await Assertions.Expect(log.Locator("[data-testid=exit-code]").First).ToHaveTextAsync("3");
        await Assertions.Expect(log).ToContainTextAsync("/bin/sh");
    }

    [Fact]
    public async Task A_reader_sees_no_terminal_and_the_terminal_socket_refuses_a_reader_but_not_an_operator()
    {
        await fixture.ClaimAsync("dash-term-r");
        var (_, readerKey) = await fixture.CreateKeyAsync("reader");
        var reader = await fixture.SignInAsync(readerKey);
        await DashboardFixture.GoAsync(reader, "/tenants/dash-term-r");
        await Assertions.Expect(reader.Locator("[data-testid=tenant-state]")).ToContainTextAsync("claimed");
        await Assertions.Expect(reader.Locator("#open-terminal")).ToHaveCountAsync(0);
        Assert.Equal("refused", await TrySocketAsync(reader, "dash-term-r"));

        var (_, operatorKey) = await fixture.CreateKeyAsync("operator");
        var operatorPage = await fixture.SignInAsync(operatorKey);
        await DashboardFixture.GoAsync(operatorPage, "/tenants/dash-term-r");
        Assert.Equal("open", await TrySocketAsync(operatorPage, "dash-term-r"));
    }

    [Fact]
    public async Task The_terminal_socket_refuses_an_upgrade_from_another_site_even_with_an_operators_cookie()
    {
        await fixture.ClaimAsync("dash-term-o");
        var (_, operatorKey) = await fixture.CreateKeyAsync("operator");
        var page = await fixture.SignInAsync(operatorKey);
        await DashboardFixture.GoAsync(page, "/");
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "boilerhouse-dashboard");

        Assert.Equal(HttpStatusCode.Forbidden, await UpgradeAsync(cookie, "http://evil.example"));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await UpgradeAsync(cookie, fixture.Host.Address.GetLeftPart(UriPartial.Authority)));
    }

    /// <summary>Opens the dashboard's terminal socket from the page's own script: "open" or "refused".</summary>
    private static Task<string> TrySocketAsync(IPage page, string tenantId) => page.EvaluateAsync<string>("""
        tenant => new Promise(resolve => {
            const socket = new WebSocket(`ws://${location.host}/dashboard/tenants/${tenant}/terminal`);
            socket.onopen = () => { socket.close(); resolve('open'); };
            socket.onclose = () => resolve('refused');
        })
        """, tenantId);

    private async Task<HttpStatusCode> UpgradeAsync(BrowserContextCookiesResult cookie, string origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", origin);
        socket.Options.Cookies = new CookieContainer();
        socket.Options.Cookies.Add(fixture.Host.Address, new System.Net.Cookie(cookie.Name, cookie.Value));
        var address = new UriBuilder(fixture.Host.Address) { Scheme = "ws", Path = "/dashboard/tenants/dash-term-o/terminal" }.Uri;
        try
        {
            await socket.ConnectAsync(address, CancellationToken.None);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // The status code tells why.
        }

        return socket.HttpStatusCode;
    }
}
