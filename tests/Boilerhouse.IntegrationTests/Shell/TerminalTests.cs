using System.Net;
using Boilerhouse.IntegrationTests.Access;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Shell;

/// <summary>Terminals over WebSocket into real containers: echo through the TTY, resize, exit, and the container going away.</summary>
public sealed class TerminalTests(ShellFixture fixture) : IClassFixture<ShellFixture>
{
    [Fact]
    public async Task Typed_input_runs_in_the_tty_and_exit_ends_the_session_with_its_code()
    {
        // Given a terminal on a tenant's container
        var (tenant, containerId) = await fixture.ClaimAsync();
        await using var terminal = await TerminalClient.ConnectAsync(fixture.App, fixture.AdminKey, $"/api/v1/tenants/{tenant}/terminal");

        // When a command is typed (quoted so its echo differs from its output), then exit 7
        await terminal.TypeAsync("echo tty-$((40+2)) && tty\n");
        await terminal.WaitForOutputAsync("tty-42");
        await terminal.WaitForOutputAsync("/dev/pts/");
        await terminal.SendControlAsync(new { type = "input", data = "exit 7\n" });
        var exit = await terminal.WaitForExitAsync();

        // Then the exit message carries the code, and the session is in the command log
        Assert.Equal(7, exit["exitCode"]!.GetValue<long>());
        var (response, page) = await fixture.Api.SendAsync(fixture.AdminKey, HttpMethod.Get, $"/api/v1/tenants/{tenant}/commands");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = page["entries"]![0]!;
        Assert.Equal("terminal", entry.Str("kind"));
        Assert.Equal(containerId, entry.Str("containerId"));
        Assert.Equal(7, entry["exitCode"]!.GetValue<long>());
        Assert.Equal(["/bin/sh"], entry["command"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public async Task The_first_size_and_a_resize_reach_the_tty()
    {
        var (tenant, _) = await fixture.ClaimAsync();
        await using var terminal = await TerminalClient.ConnectAsync(fixture.App, fixture.AdminKey, $"/api/v1/tenants/{tenant}/terminal?cols=101&rows=33");

        await terminal.TypeAsync("echo size=$(stty size)\n");
        await terminal.WaitForOutputAsync("size=33 101");
        await terminal.SendControlAsync(new { type = "resize", cols = 123, rows = 45 });
        await terminal.TypeAsync("echo size=$(stty size)\n");
        await terminal.WaitForOutputAsync("size=45 123");
    }

    [Fact]
    public async Task Removing_the_container_ends_the_session_with_an_exit_message_and_a_clean_close()
    {
        // Given an open terminal
        var (tenant, containerId) = await fixture.ClaimAsync();
        await using var terminal = await TerminalClient.ConnectAsync(fixture.App, fixture.AdminKey, $"/api/v1/tenants/{tenant}/terminal");
        await terminal.TypeAsync("echo ready-$((1+1))\n");
        await terminal.WaitForOutputAsync("ready-2");

        // When the container is removed under it
        await DockerProbe.Client.Containers.RemoveContainerAsync(containerId, new global::Docker.DotNet.Models.ContainerRemoveParameters { Force = true });

        // Then the client gets the exit message and a normal close
        var exit = await terminal.WaitForExitAsync();
        Assert.Equal("exit", exit.Str("type"));
    }

    [Fact]
    public async Task A_client_that_goes_away_leaves_no_process_behind()
    {
        var (tenant, containerId) = await fixture.ClaimAsync();
        var terminal = await TerminalClient.ConnectAsync(fixture.App, fixture.AdminKey, $"/api/v1/tenants/{tenant}/terminal");
        await terminal.TypeAsync("sleep 1003 & echo bg-$((2+2))\n");
        await terminal.WaitForOutputAsync("bg-4");

        await terminal.DisposeAsync();

        await ApiExtensions.WaitUntilAsync(
            async () => !(await fixture.ShAsync(containerId, "ps -o args")).Contains("sleep 1003", StringComparison.Ordinal),
            "the terminal's processes to be killed");
    }

    [Fact]
    public async Task Operators_open_a_terminal_on_any_managed_container_by_id()
    {
        var (_, containerId) = await fixture.ClaimAsync();
        await using var terminal = await TerminalClient.ConnectAsync(fixture.App, fixture.AdminKey, $"/api/v1/containers/{containerId}/terminal?cmd=sh&cmd=-c&cmd=echo op-$((3%2B3))");

        var exit = await terminal.WaitForExitAsync();

        Assert.Contains("op-6", terminal.Output, StringComparison.Ordinal);
        Assert.Equal(0, exit["exitCode"]!.GetValue<long>());
    }

    [Fact]
    public async Task Without_a_websocket_or_a_claim_the_terminal_answers_a_problem()
    {
        var (tenant, _) = await fixture.ClaimAsync();

        var (plain, plainBody) = await fixture.Api.SendAsync(fixture.AdminKey, HttpMethod.Get, $"/api/v1/tenants/{tenant}/terminal");
        var (unclaimed, unclaimedBody) = await fixture.Api.SendAsync(fixture.AdminKey, HttpMethod.Get, $"/api/v1/tenants/{KeyedApi.Unique("sh-none")}/terminal");
        var (badSize, badSizeBody) = await fixture.Api.SendAsync(fixture.AdminKey, HttpMethod.Get, $"/api/v1/tenants/{tenant}/terminal?cols=0");
        var connect = await Record.ExceptionAsync(() => TerminalClient.ConnectAsync(fixture.App, fixture.AdminKey, $"/api/v1/tenants/{KeyedApi.Unique("sh-none")}/terminal"));

        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Equal("INVALID_REQUEST", plainBody["code"]?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, unclaimed.StatusCode);
        Assert.Equal("TENANT_NOT_FOUND", unclaimedBody["code"]?.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, badSize.StatusCode);
        Assert.Equal("INVALID_REQUEST", badSizeBody["code"]?.ToString());
        Assert.NotNull(connect);
    }
}
