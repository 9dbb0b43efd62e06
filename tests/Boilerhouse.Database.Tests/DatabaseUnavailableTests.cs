using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Boilerhouse.Database.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Boilerhouse.Database.Tests;

/// <summary>
/// The host on PostgreSQL while the database server goes down and comes back: requests fail cleanly
/// (503 DATABASE_UNAVAILABLE with Retry-After), and work again without restarting the host.
/// </summary>
public sealed class DatabaseUnavailableTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Database_outage_answers_503_with_retry_after_and_recovers_without_restart()
    {
        // Given a host on a PostgreSQL cluster of this test's own
        await using var postgres = await PrivatePostgres.StartAsync();
        var root = Directory.CreateTempSubdirectory("bh-database-host-").FullName;
        try
        {
            await using var host = StartHost(root, postgres.ConnectionString);
            using var client = host.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/orchestrations")).StatusCode);

            // When the database server stops
            await postgres.StopAsync();

            // Then requests that need it answer 503 DATABASE_UNAVAILABLE with Retry-After
            var down = await client.GetAsync("/api/v1/orchestrations");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Equal("DATABASE_UNAVAILABLE", JsonNode.Parse(await down.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
            Assert.NotNull(down.Headers.RetryAfter);
            Assert.DoesNotContain("Password", await down.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

            // When it is back, the same host answers again (a retry as Retry-After asks)
            await postgres.StartAgainAsync();
            var deadline = DateTime.UtcNow + Patience;
            HttpStatusCode status;
            do
            {
                status = (await client.GetAsync("/api/v1/orchestrations")).StatusCode;
                if (status == HttpStatusCode.OK)
                {
                    break;
                }

                Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
                await Task.Delay(500);
            }
            while (DateTime.UtcNow < deadline);

            Assert.Equal(HttpStatusCode.OK, status);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>A host in this process, no workloads, on the given PostgreSQL (settings as an operator sets them).</summary>
    private static WebApplicationFactory<Program> StartHost(string root, string postgres)
    {
        var workloads = Directory.CreateDirectory(Path.Combine(root, "workloads")).FullName;
        var environment = new Dictionary<string, string>
        {
            ["BOILERHOUSE_DATA_DIR"] = Path.Combine(root, "data"),
            ["BOILERHOUSE_WORKLOADS_DIR"] = workloads,
            ["BOILERHOUSE_INSTANCE_ID"] = $"db-{Guid.NewGuid():N}"[..16],
            ["BOILERHOUSE_SILO_PORT"] = FreePort().ToString(),
            ["BOILERHOUSE_GATEWAY_PORT"] = FreePort().ToString(),
            ["BOILERHOUSE_DATABASE"] = "postgres",
            ["BOILERHOUSE_POSTGRES"] = postgres,
        };
        var previous = environment.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var (key, value) in environment)
            {
                Environment.SetEnvironmentVariable(key, value);
            }

            var factory = new WebApplicationFactory<Program>();
            _ = factory.Server;
            return factory;
        }
        finally
        {
            foreach (var (key, value) in previous)
            {
                Environment.SetEnvironmentVariable(key, value);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
