using System.Security.Cryptography;
using Boilerhouse.Client.Models;
using Boilerhouse.Client.Tests.Infrastructure;

namespace Boilerhouse.Client.Tests.Client;

/// <summary>Exec, files, terminals and the command log through the client, in real containers.</summary>
[Collection(ClientHostCollection.Name)]
public sealed class ShellTests(ClientHost host)
{
    [Fact]
    public async Task Exec_returns_the_exit_code_stdout_and_stderr_of_the_command()
    {
        using var client = host.Admin();
        await using var held = await HeldContainer.ClaimAsync(client, ClientHost.Pool, "exec");

        var result = await client.ExecAsync(held.TenantId, new ExecRequest(["sh", "-c", "echo hi $GREETING; pwd; echo oops >&2; exit 3"])
        {
            Environment = new Dictionary<string, string> { ["GREETING"] = "there" },
            WorkingDirectory = "/state",
        });

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("hi there\n/state\n", result.Stdout);
        Assert.Equal("oops\n", result.Stderr);
        Assert.False(result.TimedOut);
    }

    [Fact]
    public async Task Exec_past_its_timeout_is_killed_and_says_it_timed_out()
    {
        using var client = host.Admin();
        await using var held = await HeldContainer.ClaimAsync(client, ClientHost.Pool, "exec-slow");

        var result = await client.ExecAsync(held.TenantId, new ExecRequest(["sleep", "60"]) { Timeout = TimeSpan.FromSeconds(1) });

        Assert.True(result.TimedOut);
        Assert.InRange(result.DurationMs, 900, 30_000);
        var left = await client.ExecAsync(held.TenantId, ["ps", "-o", "args"]);
        Assert.DoesNotContain("sleep 60", left.Stdout);
    }

    [Fact]
    public async Task Exec_with_a_timeout_out_of_range_or_for_a_tenant_holding_nothing_throws_the_problem_code()
    {
        using var client = host.Admin();
        await using var held = await HeldContainer.ClaimAsync(client, ClientHost.Pool, "exec-bad");

        var tooLong = await Assert.ThrowsAsync<BoilerhouseRequestException>(() =>
            client.ExecAsync(held.TenantId, new ExecRequest(["true"]) { Timeout = TimeSpan.FromMinutes(11) }));
        var nobody = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => client.ExecAsync("exec-nobody", ["true"]));

        Assert.Equal(("INVALID_REQUEST", 400), (tooLong.Code, tooLong.Status));
        Assert.Equal(("TENANT_NOT_FOUND", 404), (nobody.Code, nobody.Status));
    }

    [Fact]
    public async Task File_put_then_get_returns_the_same_bytes_and_delete_removes_it()
    {
        using var client = host.Admin();
        await using var held = await HeldContainer.ClaimAsync(client, ClientHost.Pool, "files");
        var bytes = RandomNumberGenerator.GetBytes(300_000); // not UTF-8: any re-encoding on the way would show

        await client.PutFileAsync(held.TenantId, "reports/2026/blob.bin", bytes);
        var back = await client.GetFileAsync(held.TenantId, "reports/2026/blob.bin");
        var listing = await client.ListFilesAsync(held.TenantId, "reports/2026");
        var root = await client.ListFilesAsync(held.TenantId);
        var inContainer = await client.ExecAsync(held.TenantId, ["sha256sum", "/state/reports/2026/blob.bin"]);

        Assert.Equal(bytes, back);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), inContainer.Stdout.Split(' ')[0]);
        var entry = Assert.Single(listing.Entries);
        Assert.Equal(("blob.bin", "file", 300_000L), (entry.Name, entry.Type, entry.Size));
        Assert.Contains(root.Entries, e => e is { Name: "reports", Type: "directory" });

        await client.DeleteFileAsync(held.TenantId, "reports");
        var gone = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => client.GetFileAsync(held.TenantId, "reports/2026/blob.bin"));
        Assert.Equal(("CONTAINER_PATH_NOT_FOUND", 404), (gone.Code, gone.Status));
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("/etc/passwd")]
    public async Task File_path_outside_the_state_volume_is_refused_and_nothing_is_written(string path)
    {
        using var client = host.Admin();
        await using var held = await HeldContainer.ClaimAsync(client, ClientHost.Pool, "files-bad");

        var read = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => client.GetFileAsync(held.TenantId, path));
        var write = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => client.PutFileAsync(held.TenantId, path, "x"u8.ToArray()));

        Assert.Equal("PATH_REFUSED", read.Code);
        Assert.Equal("PATH_REFUSED", write.Code);
        Assert.Empty((await client.ListFilesAsync(held.TenantId)).Entries);
    }

    [Fact]
    public async Task Tenant_key_reaches_its_own_container_only()
    {
        // Given a tenant key scoped to one tenant, which holds a container, and another tenant that holds one too
        using var admin = host.Admin();
        await using var mine = await HeldContainer.ClaimAsync(admin, ClientHost.Pool, "scope-mine");
        await using var theirs = await HeldContainer.ClaimAsync(admin, ClientHost.Pool, "scope-theirs");
        var key = await admin.CreateKeyAsync(new NewApiKey("shell scope", "tenant") { Tenants = [mine.TenantId] });
        using var tenant = new BoilerhouseClient(host.Url, new BoilerhouseKeyCredential(key.Key));

        // When it runs a command and opens a terminal in each
        var own = await tenant.ExecAsync(mine.TenantId, ["echo", "mine"]);
        await using (var terminal = await tenant.OpenTerminalAsync(mine.TenantId))
        {
            await terminal.SendInputAsync("echo own-$((1+1))\n");
            await terminal.ReadUntilAsync("own-2");
        }

        var exec = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => tenant.ExecAsync(theirs.TenantId, ["echo", "theirs"]));
        var file = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => tenant.PutFileAsync(theirs.TenantId, "planted.txt", "x"u8.ToArray()));
        var tty = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => tenant.OpenTerminalAsync(theirs.TenantId));
        var container = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => tenant.OpenContainerTerminalAsync(theirs.ContainerId));

        // Then its own works, the other tenant's is as if it held nothing, and containers by id are for operators
        Assert.Equal("mine\n", own.Stdout);
        Assert.All([exec, file, tty], e => Assert.Equal(("TENANT_NOT_FOUND", 404), (e.Code, e.Status)));
        Assert.Equal(403, container.Status);
        Assert.Empty((await admin.ListFilesAsync(theirs.TenantId)).Entries);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tenant.OpenTerminalAsync(mine.TenantId, new TerminalOptions { Columns = 0 }));
    }

    [Fact]
    public async Task Terminal_echoes_typed_input_resizes_and_reports_the_exit_code_which_the_command_log_keeps()
    {
        // Given a terminal of a given size on a tenant's container
        using var client = host.Admin();
        await using var held = await HeldContainer.ClaimAsync(client, ClientHost.Pool, "tty");
        await using var terminal = await client.OpenTerminalAsync(held.TenantId, new TerminalOptions { Columns = 101, Rows = 33 });

        // When commands are typed (quoted so their echo differs from their output), the terminal resized, then exit 7
        await terminal.SendInputAsync("echo tty-$((40+2)) size=$(stty size)\n");
        await terminal.ReadUntilAsync("size=33 101");
        await terminal.ResizeAsync(120, 40);
        await terminal.SendInputAsync("echo size=$(stty size)\n");
        await terminal.ReadUntilAsync("size=40 120");
        await terminal.SendInputAsync("exit 7\n");
        await ReadToTheEndAsync(terminal);

        // Then the session ends with the exit code, and the command log has the session
        Assert.Equal(7, terminal.ExitCode);
        Assert.Equal(TerminalEventKind.Closed, (await terminal.ReceiveAsync()).Kind);
        var log = new List<CommandLogEntry>();
        await foreach (var entry in client.GetCommandsAsync(held.TenantId, pageSize: 1))
        {
            log.Add(entry);
        }

        var session = Assert.Single(log, e => e.Kind == "terminal");
        Assert.Equal((7L, held.ContainerId), (session.ExitCode, session.ContainerId));
        Assert.Equal(["/bin/sh"], session.Command);
    }

    [Fact]
    public async Task Container_terminal_runs_a_given_command_and_a_refused_terminal_throws_the_problem_code()
    {
        using var client = host.Admin();
        await using var held = await HeldContainer.ClaimAsync(client, ClientHost.Pool, "tty-c");

        // A command that may end before the terminal's first resize still gives its output and exit code.
        await using (var terminal = await client.OpenContainerTerminalAsync(held.ContainerId, new TerminalOptions { Command = ["sh", "-c", "echo via-$((1+2)); exit 5"] }))
        {
            Assert.Contains("via-3", await terminal.ReadUntilAsync("via-3"));
            await ReadToTheEndAsync(terminal);
            Assert.Equal(5, terminal.ExitCode);
        }

        var nobody = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => client.OpenTerminalAsync("tty-nobody"));
        var unknown = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => client.OpenContainerTerminalAsync("no-such-container"));
        Assert.Equal(("TENANT_NOT_FOUND", 404), (nobody.Code, nobody.Status));
        Assert.Equal(("CONTAINER_NOT_FOUND", 404), (unknown.Code, unknown.Status));
    }

    /// <summary>
    /// Reads until the session closed (the exit message comes before the close).
    /// </summary>
    private static async Task ReadToTheEndAsync(BoilerhouseTerminal terminal)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await terminal.ReceiveAsync(timeout.Token)).Kind != TerminalEventKind.Closed)
        {
        }
    }
}
