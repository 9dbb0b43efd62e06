using Boilerhouse.Sync.Tests.Infrastructure;

namespace Boilerhouse.Sync.Tests.Engine;

/// <summary>The engine over the real S3 server: a 50 MB file (multipart) and many small ones go up and come back exact.</summary>
public sealed class SyncOverS3Tests : IAsyncLifetime
{
    private readonly SyncHarness _harness = new(SinkServers.Settings);
    private readonly string _bucket = $"bh-engine-{Guid.NewGuid():N}"[..24];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Large_and_many_files_round_trip_through_s3_byte_for_byte()
    {
        var spec = SyncHarness.Workload($$"""
                sink: { type: s3, bucket: {{_bucket}}, endpoint: "{{SinkServers.S3Endpoint}}", chunked_encoding: false, prefix: "e/${tenantId}/" }
                mappings:
                  - { container_path: /state, sink_path: data/ }
            """);
        var first = await _harness.StartAsync(spec);
        await _harness.ExecAsync(first,
            "dd if=/dev/urandom of=/state/large.bin bs=1M count=50 2>/dev/null && mkdir /state/many && for i in $(seq 1 200); do echo $i > /state/many/$i.txt; done");
        var expected = await _harness.HashesAsync(first);

        var up = await _harness.RunAsync(first, spec, "ivy", SyncTrigger.Release);
        var second = await _harness.StartAsync(spec);
        var down = await _harness.RunAsync(second, spec, "ivy", SyncTrigger.Claim);

        Assert.Equal(201, up.FilesTransferred);
        Assert.Equal(201, down.FilesTransferred);
        Assert.Equal(expected, await _harness.HashesAsync(second));
    }
}
