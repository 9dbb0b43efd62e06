using System.Collections.Concurrent;
using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Sync.Sinks;

/// <summary>One sink per distinct spec, built on first use with its credentials from settings, and reused (its clients pool connections).</summary>
public sealed class SinkFactory(Func<string, string?> settings) : ISinkFactory, IDisposable
{
    private readonly ConcurrentDictionary<SinkSpec, Lazy<ISink>> _sinks = new();

    public ISink Get(SinkSpec spec) => _sinks.GetOrAdd(spec, s => new Lazy<ISink>(() => Create(s))).Value;

    public void Dispose()
    {
        foreach (var sink in _sinks.Values.Where(l => l.IsValueCreated).Select(l => l.Value).OfType<IDisposable>())
        {
            sink.Dispose();
        }
    }

    private ISink Create(SinkSpec spec) => spec.Type switch
    {
        SinkType.S3 => new S3Sink(spec, settings),
        SinkType.AzureBlob => new AzureBlobSink(spec, settings),
        _ => new LocalFolderSink(spec.Path!),
    };
}
