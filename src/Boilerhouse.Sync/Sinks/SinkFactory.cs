using System.Collections.Concurrent;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Sync.Integrity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Boilerhouse.Sync.Sinks;

/// <summary>
/// One sink per distinct spec, built on first use with its credentials from settings, and reused
/// (its clients pool connections); each checks itself with a canary before its first use.
/// </summary>
public sealed class SinkFactory(Func<string, string?> settings, TimeProvider? time = null, ILogger<SinkFactory>? logger = null) : ISinkFactory, IDisposable
{
    private readonly ConcurrentDictionary<SinkSpec, Lazy<ISink>> _sinks = new();

    // The prefix is the engine's business: one sink (and one canary) per store, whatever the prefix.
    public ISink Get(SinkSpec spec) => _sinks.GetOrAdd(spec with { Prefix = "" }, s => new Lazy<ISink>(() => Create(s))).Value;

    public void Dispose()
    {
        foreach (var sink in _sinks.Values.Where(l => l.IsValueCreated).Select(l => l.Value).OfType<IDisposable>())
        {
            sink.Dispose();
        }
    }

    private ISink Create(SinkSpec spec) => new SelfCheckingSink(CreateStore(spec), SinkNames.Of(spec),
        time ?? TimeProvider.System, logger ?? (ILogger)NullLogger.Instance);

    private ISink CreateStore(SinkSpec spec) => spec.Type switch
    {
        SinkType.S3 => new S3Sink(spec, settings),
        SinkType.AzureBlob => new AzureBlobSink(spec, settings),
        _ => new LocalFolderSink(spec.Path!),
    };
}
