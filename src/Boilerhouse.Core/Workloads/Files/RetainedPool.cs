namespace Boilerhouse.Core.Workloads.Files;

/// <summary>
/// A pool its workload's file no longer declares, kept running (as <paramref name="Owner"/>'s version
/// declared it) while tenants hold its containers, so their releases still save their state.
/// </summary>
public sealed record RetainedPool(LoadedWorkload Owner, WorkloadSpec Pool);
