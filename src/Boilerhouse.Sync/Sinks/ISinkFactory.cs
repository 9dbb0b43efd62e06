using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Sync.Sinks;

/// <summary>The sink a spec names, with its credentials from settings; clients are reused across runs.</summary>
public interface ISinkFactory
{
    ISink Get(SinkSpec spec);
}
