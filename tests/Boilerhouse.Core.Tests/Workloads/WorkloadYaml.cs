using Boilerhouse.Core.Workloads;
using Boilerhouse.Core.Workloads.Parsing;

namespace Boilerhouse.Core.Tests.Workloads;

/// <summary>Helpers for parser tests: a minimal valid file, and parsing that asserts success or failure.</summary>
internal static class WorkloadYaml
{
    public const string FileName = "test.yaml";

    public const string Minimal = """
        x-boilerhouse:
          id: app
        image: example/app:1
        """;

    /// <summary>The minimal file plus <paramref name="extra"/> top-level YAML.</summary>
    public static string With(string extra) => Minimal + "\n" + extra;

    /// <summary>A policy that allows every weakening, for tests of the fields themselves.</summary>
    public static WorkloadPolicy Permissive { get; } = new()
    {
        AllowRoot = true,
        AllowHostNetwork = true,
        AllowUnconfined = true,
        AllowWritableRootFilesystem = true,
        AllowUnlimitedPids = true,
        AllowedCapabilities = new HashSet<string> { Capabilities.All },
    };

    public static WorkloadSpec Valid(string yaml, WorkloadPolicy? policy = null)
    {
        var result = WorkloadParser.Parse(yaml, FileName, policy);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Spec;
    }

    public static IReadOnlyList<WorkloadError> Invalid(string yaml, WorkloadPolicy? policy = null)
    {
        var result = WorkloadParser.Parse(yaml, FileName, policy);
        Assert.False(result.IsValid);
        Assert.NotEmpty(result.Errors);
        return result.Errors;
    }

    /// <summary>The only error of an invalid file.</summary>
    public static WorkloadError SingleError(string yaml, WorkloadPolicy? policy = null) => Assert.Single(Invalid(yaml, policy));
}
