using Boilerhouse.Core.Workloads;
using Boilerhouse.Sync.Sinks;

namespace Boilerhouse.Sync.Tests.Infrastructure;

/// <summary>Real sinks, each wrapped once by <paramref name="decorate"/>.</summary>
public sealed class DecoratedSinkFactory(ISinkFactory inner, Func<ISink, ISink> decorate) : ISinkFactory
{
    private readonly Dictionary<SinkSpec, ISink> _sinks = [];

    public ISink Get(SinkSpec spec)
    {
        lock (_sinks)
        {
            return _sinks.TryGetValue(spec, out var sink) ? sink : _sinks[spec] = decorate(inner.Get(spec));
        }
    }
}
