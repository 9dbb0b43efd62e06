using System.Net;
using System.Text.Json.Nodes;
using Boilerhouse.IntegrationTests.Access;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Shell;

/// <summary>POST /api/v1/tenants/{id}/exec on the real engine, and the command log it writes.</summary>
public sealed class ExecTests(ShellFixture fixture) : IClassFixture<ShellFixture>
{
    [Fact]
    public async Task Exec_answers_stdout_stderr_and_the_exit_code()
    {
        var (tenant, _) = await fixture.ClaimAsync();

        var (response, body) = await fixture.ExecAsync(tenant, new { cmd = new[] { "sh", "-c", "echo out; echo err >&2; exit 3" } });

        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(3, body["exitCode"]!.GetValue<long>());
        Assert.Equal("out\n", body.Str("stdout"));
        Assert.Equal("err\n", body.Str("stderr"));
        Assert.False(body["truncated"]!.GetValue<bool>());
        Assert.False(body["timedOut"]!.GetValue<bool>());
        Assert.True(body["durationMs"]!.GetValue<long>() >= 0);
    }

    [Fact]
    public async Task Exec_takes_arguments_as_given_with_env_and_workdir()
    {
        var (tenant, _) = await fixture.ClaimAsync();

        // No shell between: "$GREETING" and '; ls' reach printf untouched, then a shell reads the variable.
        var (literal, literalBody) = await fixture.ExecAsync(tenant, new { cmd = new[] { "printf", "%s|", "$GREETING", "; ls" } });
        var (response, body) = await fixture.ExecAsync(tenant, new
        {
            cmd = new[] { "sh", "-c", "echo \"$GREETING\"; pwd" },
            env = new Dictionary<string, string> { ["GREETING"] = "hello there" },
            workdir = "/state",
        });

        Assert.Equal(HttpStatusCode.OK, literal.StatusCode);
        Assert.Equal("$GREETING|; ls|", literalBody.Str("stdout"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal("hello there\n/state\n", body.Str("stdout"));
        Assert.Equal(0, body["exitCode"]!.GetValue<long>());
    }

    [Fact]
    public async Task Output_past_the_cap_is_cut_at_one_mebibyte_and_flagged()
    {
        var (tenant, _) = await fixture.ClaimAsync();

        var (response, body) = await fixture.ExecAsync(tenant, new { cmd = new[] { "sh", "-c", "head -c 1500000 /dev/zero | tr '\\0' a; echo small >&2" } });

        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString()[..Math.Min(500, body.ToJsonString().Length)]);
        Assert.Equal(1024 * 1024, body.Str("stdout").Length);
        Assert.All(body.Str("stdout"), c => Assert.Equal('a', c));
        Assert.Equal("small\n", body.Str("stderr"));
        Assert.True(body["truncated"]!.GetValue<bool>());
        Assert.Equal(0, body["exitCode"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_timeout_kills_the_command_and_every_process_it_started()
    {
        // Given: a command that starts two background sleepers and waits for them
        var (tenant, containerId) = await fixture.ClaimAsync();

        // When it runs past its 2 s deadline
        var (response, body) = await fixture.ExecAsync(tenant, new
        {
            cmd = new[] { "sh", "-c", "sleep 1001 & sleep 1002 & echo started; wait" },
            timeoutSeconds = 2,
        });

        // Then it is answered as timed out, with what it printed, and none of its processes is left
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.True(body["timedOut"]!.GetValue<bool>(), body.ToJsonString());
        Assert.Equal("started\n", body.Str("stdout"));
        Assert.NotEqual(0, body["exitCode"]?.GetValue<long>());
        var processes = await fixture.ShAsync(containerId, "ps -o pid,args");
        Assert.DoesNotContain("sleep 100", processes, StringComparison.Ordinal);
        var (logged, page) = await fixture.Api.SendAsync(fixture.AdminKey, HttpMethod.Get, $"/api/v1/tenants/{tenant}/commands");
        Assert.Equal(HttpStatusCode.OK, logged.StatusCode);
        Assert.True(page["entries"]![0]!["timedOut"]!.GetValue<bool>(), page.ToJsonString());
    }

    [Fact]
    public async Task A_program_that_does_not_exist_answers_its_exit_code_not_an_error()
    {
        var (tenant, _) = await fixture.ClaimAsync();

        var (response, body) = await fixture.ExecAsync(tenant, new { cmd = new[] { "no-such-program" } });

        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.NotEqual(0, body["exitCode"]!.GetValue<long>());
    }

    [Fact]
    public async Task Bad_bodies_are_refused_with_invalid_request()
    {
        var (tenant, _) = await fixture.ClaimAsync();
        object[] bodies =
        [
            "not json",
            "[1, 2]",
            new { },
            new { cmd = Array.Empty<string>() },
            new { cmd = "ls -l" },
            new { cmd = new object[] { "ls", 1 } },
            new { cmd = new[] { "" } },
            new { cmd = new[] { "ls" }, timeoutSeconds = 0 },
            new { cmd = new[] { "ls" }, timeoutSeconds = 601 },
            new { cmd = new[] { "ls" }, timeoutSeconds = "soon" },
            new { cmd = new[] { "ls" }, env = new[] { "A=B" } },
            new { cmd = new[] { "ls" }, env = new Dictionary<string, string> { ["A=B"] = "x" } },
            new { cmd = new[] { "ls" }, env = new Dictionary<string, object> { ["A"] = 1 } },
            new { cmd = new[] { "ls" }, env = new Dictionary<string, string> { ["BOILERHOUSE_EXEC_ID"] = "x" } },
            new { cmd = new[] { "ls" }, workdir = "state" },
        ];

        foreach (var bad in bodies)
        {
            var (response, body) = await fixture.ExecAsync(tenant, bad);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest && body["code"]?.ToString() == "INVALID_REQUEST",
                $"{System.Text.Json.JsonSerializer.Serialize(bad)}: {(int)response.StatusCode} {body}");
        }
    }

    [Fact]
    public async Task An_unclaimed_tenant_is_not_found_and_a_bad_id_is_invalid()
    {
        var (unclaimed, unclaimedBody) = await fixture.ExecAsync(KeyedApi.Unique("sh-none"), new { cmd = new[] { "ls" } });
        var (bad, badBody) = await fixture.ExecAsync("Bad!", new { cmd = new[] { "ls" } });

        Assert.Equal(HttpStatusCode.NotFound, unclaimed.StatusCode);
        Assert.Equal("TENANT_NOT_FOUND", unclaimedBody["code"]?.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("INVALID_ID", badBody["code"]?.ToString());
    }

    [Fact]
    public async Task Every_exec_is_in_the_command_log_newest_first_with_who_ran_it()
    {
        // Given three commands run by the admin key
        var (tenant, containerId) = await fixture.ClaimAsync();
        foreach (var code in new[] { 0, 1, 2 })
        {
            var (response, _) = await fixture.ExecAsync(tenant, new { cmd = new[] { "sh", "-c", $"exit {code}" } });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // When the log is read two at a time
        var (first, firstPage) = await fixture.Api.SendAsync(fixture.AdminKey, HttpMethod.Get, $"/api/v1/tenants/{tenant}/commands?top=2");
        var (second, secondPage) = await fixture.Api.SendAsync(fixture.AdminKey, HttpMethod.Get,
            $"/api/v1/tenants/{tenant}/commands?top=2&before={firstPage.Str("next")}");

        // Then the newest comes first, each with its command, exit code, container and key
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var entries = firstPage["entries"]!.AsArray().Concat(secondPage["entries"]!.AsArray()).Select(e => e!).ToList();
        Assert.Equal([2L, 1L, 0L], entries.Select(e => e["exitCode"]!.GetValue<long>()));
        Assert.Null(secondPage["next"]);
        var newest = entries[0];
        Assert.Equal("exec", newest.Str("kind"));
        Assert.Equal(tenant, newest.Str("tenantId"));
        Assert.Equal(containerId, newest.Str("containerId"));
        Assert.Equal("local", newest.Str("hostId"));
        Assert.Equal("bootstrap-admin", newest.Str("keyId"));
        Assert.Equal(["sh", "-c", "exit 2"], newest["command"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.True(newest["durationMs"]!.GetValue<long>() >= 0);
        Assert.True(DateTimeOffset.Parse(newest.Str("started"), System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddMinutes(-10));
    }

    [Fact]
    public async Task Each_logged_exec_publishes_command_finished_for_its_tenant_without_the_command()
    {
        var (tenant, containerId) = await fixture.ClaimAsync();

        var (response, _) = await fixture.ExecAsync(tenant, new { cmd = new[] { "sh", "-c", "exit 4; echo not-in-events" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonNode? finished = null;
        await ApiExtensions.WaitUntilAsync(async () =>
        {
            var (_, body) = await fixture.Api.SendAsync(fixture.AdminKey, HttpMethod.Get, $"/api/v1/events?tenantId={tenant}&types=command.finished&limit=100");
            finished = body["events"]!.AsArray().SingleOrDefault();
            return finished is not null;
        }, $"command.finished of tenant {tenant}");
        Assert.Equal(containerId, finished!.Str("containerId"));
        Assert.Equal(4, finished!["payload"]!["exitCode"]!.GetValue<long>());
        Assert.Equal("exec", finished["payload"]!.Str("kind"));
        Assert.DoesNotContain("not-in-events", finished.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tenant_keys_exec_only_in_their_tenants_and_readers_never()
    {
        // Given a tenant key for one claimed tenant, another claimed tenant, and a reader key
        var (own, _) = await fixture.ClaimAsync("sh-own");
        var (other, _) = await fixture.ClaimAsync("sh-other");
        var (_, tenantKey) = await fixture.Api.CreateKeyAsync(fixture.AdminKey, new { name = "shell tenant app", role = "tenant", tenants = new[] { own } });
        var (_, readerKey) = await fixture.Api.CreateKeyAsync(fixture.AdminKey, new { name = "shell reader", role = "reader" });
        var echo = new { cmd = new[] { "echo", "hi" } };

        // When / Then
        var (ownExec, ownBody) = await fixture.ExecAsync(own, echo, tenantKey);
        Assert.True(ownExec.StatusCode == HttpStatusCode.OK, ownBody.ToJsonString());
        Assert.Equal("hi\n", ownBody.Str("stdout"));
        var (otherExec, otherBody) = await fixture.ExecAsync(other, echo, tenantKey);
        Assert.Equal(HttpStatusCode.NotFound, otherExec.StatusCode);
        Assert.Equal("TENANT_NOT_FOUND", otherBody["code"]?.ToString());
        var (readerExec, readerBody) = await fixture.ExecAsync(own, echo, readerKey);
        Assert.Equal(HttpStatusCode.Forbidden, readerExec.StatusCode);
        Assert.Equal("FORBIDDEN", readerBody["code"]?.ToString());
        var (readerPut, _) = await fixture.Api.SendAsync(readerKey, HttpMethod.Put, $"/api/v1/tenants/{own}/files?path=x.txt", "x");
        Assert.Equal(HttpStatusCode.Forbidden, readerPut.StatusCode);

        // And the log names the tenant key; the other tenant's log is not the tenant key's to read
        var (log, page) = await fixture.Api.SendAsync(tenantKey, HttpMethod.Get, $"/api/v1/tenants/{own}/commands");
        Assert.Equal(HttpStatusCode.OK, log.StatusCode);
        Assert.Equal("shell tenant app", page["entries"]![0]!.Str("keyName"));
        var (otherLog, _) = await fixture.Api.SendAsync(tenantKey, HttpMethod.Get, $"/api/v1/tenants/{other}/commands");
        Assert.Equal(HttpStatusCode.NotFound, otherLog.StatusCode);
    }
}
