using Boilerhouse.Core.Workloads;
using Boilerhouse.Docker;

namespace Boilerhouse.Sync.Tests.Engine;

/// <summary>
/// On a remote engine (a TLS engine of eng/setup-tls-hosts.sh) the state volume is not on this
/// machine: sync must keep using Docker's archive API, and restore every byte.
/// </summary>
public sealed class RemoteEngineSyncTests : IAsyncLifetime
{
    private readonly SyncHarness _harness = new(endpoint: TlsEngine());
    private readonly string _sink = Directory.CreateTempSubdirectory("bh-sync-remote-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        Directory.Delete(_sink, recursive: true);
    }

    [Fact]
    public async Task State_round_trips_through_the_archive_api_of_a_remote_engine()
    {
        var spec = SyncHarness.Workload(
            $"sink: {{ type: local, path: \"{_sink}\", prefix: \"t/${{tenantId}}/\" }}\nmappings:\n  - {{ container_path: /state, sink_path: data/ }}");
        var first = await _harness.StartAsync(spec);
        await _harness.ExecAsync(first, "mkdir -p /state/a && echo one > /state/a/one.json && dd if=/dev/urandom of=/state/blob.bin bs=1k count=500 2>/dev/null");
        var expected = await _harness.HashesAsync(first);

        await _harness.RunAsync(first, spec, "remy", SyncTrigger.Release);
        var second = await _harness.StartAsync(spec);
        var restore = await _harness.RunAsync(second, spec, "remy", SyncTrigger.Claim);

        using var local = await _harness.Runtime.OpenLocalFolderAsync(second, "/state", CancellationToken.None);
        Assert.Null(local);
        Assert.Equal(2, restore.FilesTransferred);
        Assert.Equal(expected, await _harness.HashesAsync(second));
    }

    /// <summary>TLS engine 1 from .eng-state/tls-hosts.env (ENG_STATE overrides the folder).</summary>
    private static DockerEndpoint TlsEngine()
    {
        var folder = Environment.GetEnvironmentVariable("ENG_STATE") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot(), ".eng-state");
        var file = Path.Combine(folder, "tls-hosts.env");
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"The TLS Docker engines are not set up ({file} is missing): run `bash eng/setup-tls-hosts.sh`.");
        }

        var values = File.ReadAllLines(file).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        return new DockerEndpoint { Uri = new Uri(values["TLS_HOST_1_URI"]), TlsCertDirectory = values["TLS_CLIENT_CERT_PATH"] };
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Boilerhouse.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Boilerhouse.Functions.sln not found above the test folder.");
    }
}
