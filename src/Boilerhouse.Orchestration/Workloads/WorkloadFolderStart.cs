using Boilerhouse.Core.Workloads;
using Boilerhouse.Core.Workloads.Files;

namespace Boilerhouse.Orchestration.Workloads;

/// <summary>The workload folder, its policy and what was loaded from it at start-up, before the silo ran.</summary>
public sealed record WorkloadFolderStart(string Directory, WorkloadPolicy Policy, WorkloadSet Initial);
