using System.Globalization;
using YamlDotNet.RepresentationModel;
using Boilerhouse.Core.Yaml;

namespace Boilerhouse.Core.Workloads.Parsing;

/// <summary>Reads <c>deploy.resources</c>; whatever is unset gets the <see cref="SecureDefaults"/> limits.</summary>
internal static class DeployParser
{
    // Docker refuses memory limits below 6 MiB.
    private const long MinimumMemoryLimit = 6L * 1024 * 1024;

    private static readonly Dictionary<string, string> DeployHints = new(StringComparer.Ordinal)
    {
        ["replicas"] = "pool size is set by x-boilerhouse.pool.min_size and max_size",
    };

    public static ResourceSpec Defaults { get; } = new(
        SecureDefaults.CpuLimit,
        SecureDefaults.MemoryLimitBytes,
        SecureDefaults.CpuReservation,
        SecureDefaults.MemoryReservationBytes,
        SecureDefaults.PidsLimit);

    public static ResourceSpec Read(YamlFieldReader reader, YamlNode? deploy, string path, WorkloadPolicy policy)
    {
        var resources = deploy is null ? null : reader.Mapping(deploy, path, ["resources"], hints: DeployHints)?["resources"];
        var resourcesPath = YamlFieldReader.Child(path, "resources");
        var r = resources is null ? null : reader.Mapping(resources, resourcesPath, ["limits", "reservations"]);
        var limits = r?["limits"] is { } l ? reader.Mapping(l, r.PathOf("limits"), ["cpus", "memory", "pids"]) : null;
        var reservations = r?["reservations"] is { } v ? reader.Mapping(v, r.PathOf("reservations"), ["cpus", "memory"]) : null;

        var cpuLimit = Cpus(limits, allowZero: false) ?? SecureDefaults.CpuLimit;
        var memoryLimit = Memory(limits, MinimumMemoryLimit) ?? SecureDefaults.MemoryLimitBytes;
        var pids = Pids(limits, policy) ?? SecureDefaults.PidsLimit;
        var cpuReservation = Cpus(reservations, allowZero: true) ?? SecureDefaults.CpuReservation;
        var memoryReservation = Memory(reservations, minimum: 0) ?? SecureDefaults.MemoryReservationBytes;

        if (cpuReservation > cpuLimit)
        {
            reservations!.Reader.Error(reservations["cpus"]!, reservations.PathOf("cpus"),
                $"reservation {cpuReservation.ToString(CultureInfo.InvariantCulture)} is more than the limit {cpuLimit.ToString(CultureInfo.InvariantCulture)}");
        }

        if (memoryReservation > memoryLimit)
        {
            reservations!.Reader.Error(reservations["memory"]!, reservations.PathOf("memory"),
                $"reservation {ByteSize.Format(memoryReservation)} is more than the limit {ByteSize.Format(memoryLimit)}");
        }

        return new ResourceSpec(cpuLimit, memoryLimit, cpuReservation, memoryReservation, pids);
    }

    private static decimal? Cpus(YamlFields? f, bool allowZero)
    {
        if (f?["cpus"] is not { } node)
        {
            return null;
        }

        // Compose allows both cpus: 0.5 and cpus: "0.5".
        if (node is YamlScalarNode { Value: { } text }
            && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cpus)
            && (cpus > 0 || (allowZero && cpus == 0)))
        {
            return cpus;
        }

        f.Reader.Error(node, f.PathOf("cpus"),
            $"expected a number of CPUs {(allowZero ? "of 0 or more" : "greater than 0")} like 0.5 or '2', found {YamlFieldReader.Describe(node)}");
        return null;
    }

    private static long? Memory(YamlFields? f, long minimum)
    {
        if (f?["memory"] is not { } node)
        {
            return null;
        }

        if (node is not YamlScalarNode { Value: { } text } || !ByteSize.TryParse(text, out var bytes))
        {
            f.Reader.Error(node, f.PathOf("memory"),
                $"expected a byte size like '512m', '1g', '1024k' or a number of bytes, found {YamlFieldReader.Describe(node)}");
            return null;
        }

        if (bytes < minimum)
        {
            f.Reader.Error(node, f.PathOf("memory"), $"must be at least {ByteSize.Format(minimum)} (Docker's minimum), found '{text}'");
            return null;
        }

        return bytes;
    }

    private static long? Pids(YamlFields? f, WorkloadPolicy policy)
    {
        if (f?["pids"] is not { } node || f.Reader.Integer(node, f.PathOf("pids")) is not { } pids)
        {
            return null;
        }

        if (pids is 0 or < -1)
        {
            f.Reader.Error(node, f.PathOf("pids"), $"must be at least 1, or -1 for no limit, found {pids}");
            return null;
        }

        if (pids == -1 && !policy.AllowUnlimitedPids)
        {
            f.Reader.Error(node, f.PathOf("pids"),
                $"-1 (no limit) lets a fork bomb exhaust the host's process table; write a limit (default {SecureDefaults.PidsLimit}) "
                + $"or set {WorkloadPolicy.AllowUnlimitedPidsSetting}=true to allow it");
            return null;
        }

        return pids;
    }
}
