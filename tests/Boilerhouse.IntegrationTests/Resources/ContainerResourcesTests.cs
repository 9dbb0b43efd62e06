using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Boilerhouse.Core.Containers;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Orchestration.Resources;
using Docker.DotNet.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.IntegrationTests.Resources;

/// <summary>Resource stats and logs of a claimed container, through the API of a real host on the real engine.</summary>
public sealed class ContainerResourcesTests(ResourcesFixture fixture) : IClassFixture<ResourcesFixture>
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(90);

    private HttpClient Api => fixture.App.Client;

    [Fact]
    public async Task Claimed_container_stats_fill_with_samples_from_the_sampler()
    {
        // Given
        var (_, containerId) = await ClaimAsync();

        // When: the sampler has read it at least twice (a CPU rate needs two readings)
        var stats = await WaitForAsync($"/api/v1/containers/{containerId}/stats", s => s["history"]!.AsArray().Count >= 2);

        // Then
        Assert.Equal(containerId, stats.Str("containerId"));
        Assert.Equal(ResourcesFixture.Pool, stats.Str("poolId"));
        Assert.Equal("local", stats.Str("hostId"));
        Assert.Equal(1, stats["intervalSeconds"]!.GetValue<double>());
        var current = stats["current"]!;
        Assert.True(current["memoryBytes"]!.GetValue<long>() > 0, current.ToJsonString());
        Assert.Equal(16L * 1024 * 1024, current["memoryLimitBytes"]!.GetValue<long>());
        Assert.True(current["cpuPercent"]!.GetValue<double>() >= 0, current.ToJsonString());
        var byName = await Api.GetJsonAsync($"/api/v1/containers/{stats.Str("name")}/stats");
        Assert.Equal(containerId, byName.Str("containerId"));
    }

    [Fact]
    public async Task Pool_and_host_stats_sum_the_containers_the_sampler_read()
    {
        var (_, containerId) = await ClaimAsync();

        var pool = await WaitForAsync($"/api/v1/pools/{ResourcesFixture.Pool}/stats",
            p => p["containers"]!.AsArray().Any(c => c!.Str("containerId") == containerId) && p["current"]?["containers"]?.GetValue<int>() >= 1);
        var host = await WaitForAsync("/api/v1/hosts/local/stats",
            h => h["containers"]!.AsArray().Any(c => c!.Str("containerId") == containerId) && h["lastSweep"] is not null);

        Assert.True(pool["current"]!["memoryBytes"]!.GetValue<long>() > 0);
        Assert.All(pool["containers"]!.AsArray(), c => Assert.Equal(ResourcesFixture.Pool, c!.Str("poolId")));
        Assert.True(host["lastSweep"]!["reached"]!.GetValue<bool>());
        Assert.True(host["lastSweep"]!["containers"]!.GetValue<int>() >= 1);
        Assert.True(host["current"]!["containers"]!.GetValue<int>() >= 1);
    }

    [Fact]
    public async Task Container_and_tenant_logs_return_what_the_container_printed()
    {
        var (tenant, containerId) = await ClaimAsync();

        var container = await Api.GetAsync($"/api/v1/containers/{containerId}/logs?tail=50");
        var own = await Api.GetAsync($"/api/v1/tenants/{tenant}/logs");
        var last = await Api.GetStringAsync($"/api/v1/containers/{containerId}/logs?tail=1");

        Assert.Equal(HttpStatusCode.OK, container.StatusCode);
        Assert.Equal("text/plain", container.Content.Headers.ContentType?.MediaType);
        var text = await container.Content.ReadAsStringAsync();
        Assert.Contains("hello-from-logger\n", text, StringComparison.Ordinal);
        Assert.Contains("warn-from-logger\n", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("hello-from-logger\n", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(last.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Sse_follow_delivers_a_line_printed_after_subscribing()
    {
        // Given: a claimed container that has printed its first lines, its logs followed with no tail
        var (tenant, containerId) = await ClaimAsync();
        await WaitUntilLoggedAsync(containerId, "warn-from-logger");
        using var timeout = new CancellationTokenSource(WaitLimit);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tenants/{tenant}/logs?tail=0");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await Api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var attached = await ReadEventAsync(events, timeout.Token);
        Assert.Equal(["event: attached", $"data: {containerId}"], attached);

        // When: the container prints a line only now
        var runtime = fixture.App.Services.GetRequiredService<IContainerRuntime>();
        var go = await runtime.ExecAsync(containerId, ["touch", "/state/go"], CancellationToken.None);
        Assert.Equal(0, go.ExitCode);

        // Then: that line comes next, and nothing printed before subscribing does
        Assert.Equal(["event: stdout", "data: after-go"], await ReadEventAsync(events, timeout.Token));
    }

    [Fact]
    public async Task Resource_metrics_report_the_latest_sample_of_each_container()
    {
        var (_, containerId) = await ClaimAsync();
        var stats = await WaitForAsync($"/api/v1/containers/{containerId}/stats", s => s["current"] is not null);
        var name = stats.Str("name");

        var memory = new List<double>();
        var network = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ResourceMeter.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "boilerhouse.container.memory.usage" && Tag(tags, "container") == name && Tag(tags, "pool") == ResourcesFixture.Pool)
            {
                memory.Add(value);
            }
        });
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            if (instrument.Name == "boilerhouse.container.network.io" && Tag(tags, "container") == name)
            {
                network.Add(Tag(tags, "direction")!);
            }
        });
        listener.Start();

        listener.RecordObservableInstruments();

        Assert.True(memory.Count > 0 && memory.All(m => m > 0), $"memory measurements of {name}: [{string.Join(", ", memory)}]");
        Assert.Contains("receive", network);
        Assert.Contains("transmit", network);

        // And Prometheus scrapes them with the rest.
        var scrape = await Api.GetStringAsync("/metrics");
        Assert.Contains(scrape.Split('\n'), line => line.StartsWith("boilerhouse_container_memory_usage_bytes{", StringComparison.Ordinal)
            && line.Contains($"container=\"{name}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_or_malformed_ids_and_bad_queries_are_refused_with_their_codes()
    {
        var answers = new (string Url, HttpStatusCode Status, string Code)[]
        {
            ("/api/v1/containers/bh-no-such-container/stats", HttpStatusCode.NotFound, "CONTAINER_NOT_FOUND"),
            ("/api/v1/containers/bh-no-such-container/logs", HttpStatusCode.NotFound, "CONTAINER_NOT_FOUND"),
            ("/api/v1/containers/-bad/stats", HttpStatusCode.BadRequest, "INVALID_ID"),
            ("/api/v1/containers/bad!id/logs", HttpStatusCode.BadRequest, "INVALID_ID"),
            ("/api/v1/containers/bh-no-such-container/logs?tail=lots", HttpStatusCode.BadRequest, "INVALID_REQUEST"),
            ("/api/v1/containers/bh-no-such-container/logs?tail=10001", HttpStatusCode.BadRequest, "INVALID_REQUEST"),
            ("/api/v1/containers/bh-no-such-container/logs?follow=maybe", HttpStatusCode.BadRequest, "INVALID_REQUEST"),
            ("/api/v1/pools/no-such-pool/stats", HttpStatusCode.NotFound, "POOL_NOT_FOUND"),
            ("/api/v1/pools/Bad!/stats", HttpStatusCode.BadRequest, "INVALID_ID"),
            ("/api/v1/hosts/no-such-host/stats", HttpStatusCode.NotFound, "HOST_NOT_FOUND"),
            ("/api/v1/hosts/Bad!/stats", HttpStatusCode.BadRequest, "INVALID_ID"),
            ($"/api/v1/tenants/{NewTenant()}/logs", HttpStatusCode.NotFound, "TENANT_NOT_FOUND"),
            ("/api/v1/tenants/Bad!/logs", HttpStatusCode.BadRequest, "INVALID_ID"),
        };

        foreach (var (url, status, code) in answers)
        {
            var (response, body) = await Api.SendJsonAsync(HttpMethod.Get, url);
            Assert.True(response.StatusCode == status && body["code"]?.ToString() == code, $"{url}: {(int)response.StatusCode} {body}");
        }
    }

    [Fact]
    public async Task A_container_this_installation_does_not_manage_is_not_found()
    {
        // Given: a running container on the same engine that Boilerhouse did not create
        var name = $"bh-foreign-{Guid.NewGuid():N}"[..24];
        var created = await DockerProbe.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name,
            Image = TestWorkloads.Image,
            Cmd = ["sh", "-c", "echo foreign-secret; sleep 3600"],
            HostConfig = new HostConfig { NetworkMode = "none" },
        });
        try
        {
            await DockerProbe.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());

            // When / Then: neither its stats nor its logs are served, by id or by name
            foreach (var url in new[] { $"/api/v1/containers/{created.ID}/logs", $"/api/v1/containers/{name}/logs", $"/api/v1/containers/{name}/stats" })
            {
                var (response, body) = await Api.SendJsonAsync(HttpMethod.Get, url);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.Equal("CONTAINER_NOT_FOUND", body["code"]?.ToString());
                Assert.DoesNotContain("foreign-secret", body.ToJsonString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            await DockerProbe.Client.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true });
        }
    }

    private async Task<(string Tenant, string ContainerId)> ClaimAsync()
    {
        var tenant = NewTenant();
        var (response, body) = await Api.ClaimAsync(tenant, new { poolId = ResourcesFixture.Pool });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"claim answered {(int)response.StatusCode}: {body}");
        return (tenant, body.Str("containerId"));
    }

    /// <summary>Polls a GET until its body satisfies the condition (the sampler runs every second).</summary>
    private async Task<JsonNode> WaitForAsync(string url, Func<JsonNode, bool> condition)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            var (response, body) = await Api.SendJsonAsync(HttpMethod.Get, url);
            if (response.StatusCode == HttpStatusCode.OK && condition(body))
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"GET {url} did not show the sampler's readings within {WaitLimit.TotalSeconds} s: {(int)response.StatusCode} {body.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    /// <summary>Reads one event: its lines up to the blank line that ends it.</summary>
    private static async Task<List<string>> ReadEventAsync(StreamReader events, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (await events.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                return lines;
            }

            lines.Add(line);
        }

        Assert.Fail($"The event stream ended inside an event: {string.Join(" | ", lines)}");
        return lines;
    }

    private async Task WaitUntilLoggedAsync(string containerId, string text)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (!(await Api.GetStringAsync($"/api/v1/containers/{containerId}/logs")).Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{containerId} did not log '{text}' within {WaitLimit.TotalSeconds} s.");
            await Task.Delay(200);
        }
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == key)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }

    private static string NewTenant() => $"res-{Guid.NewGuid():N}"[..20];
}
