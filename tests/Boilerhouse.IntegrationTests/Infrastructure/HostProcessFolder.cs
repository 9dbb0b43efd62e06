namespace Boilerhouse.IntegrationTests.Infrastructure;

/// <summary>
/// The installation a test starts host processes on (and again after killing one): its id, data,
/// workload and local sink folders. Disposing removes its containers and files.
/// </summary>
public sealed class HostProcessFolder : IAsyncDisposable
{
    public string InstanceId { get; } = $"it-{Guid.NewGuid():N}"[..16];

    public string Root { get; } = Directory.CreateTempSubdirectory("boilerhouse-host-").FullName;

    public string Data => Directory.CreateDirectory(Path.Combine(Root, "data")).FullName;

    public string Sink => Path.Combine(Root, "sink");

    /// <summary>Writes a workload file the host loads at start-up.</summary>
    public void AddWorkload(string id, string yaml) =>
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(Root, "workloads")).FullName, $"{id}.yaml"), yaml);

    public Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null) => HostProcess.StartAsync(Root, InstanceId, settings);

    public async ValueTask DisposeAsync()
    {
        await DockerProbe.RemoveInstanceAsync(InstanceId);
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A container may still hold a file it wrote as its own user: the temp folder keeps it.
        }
    }
}
