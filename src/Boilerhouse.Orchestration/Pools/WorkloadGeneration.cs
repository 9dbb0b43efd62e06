using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Orchestration.Pools;

/// <summary>
/// A short fingerprint of a workload spec, stored as a label: a warm container made from an older
/// spec is not adopted after a restart, and a changed workload replaces its pool's warm containers.
/// Pool sizes and the display name are left out: scaling a pool never replaces its containers.
/// </summary>
public static class WorkloadGeneration
{
    public static string Of(WorkloadSpec spec)
    {
        var json = JsonSerializer.Serialize(spec with { SourceFile = null, Name = "", Pool = new PoolSpec(0, 0, TimeSpan.Zero) }, JsonDefaults.Options);
        return XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(json)).ToString("x16");
    }
}
