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

    public static WorkloadSpec Valid(string yaml)
    {
        var result = WorkloadParser.Parse(yaml, FileName);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Spec;
    }

    public static IReadOnlyList<WorkloadError> Invalid(string yaml)
    {
        var result = WorkloadParser.Parse(yaml, FileName);
        Assert.False(result.IsValid);
        Assert.NotEmpty(result.Errors);
        return result.Errors;
    }

    /// <summary>The only error of an invalid file.</summary>
    public static WorkloadError SingleError(string yaml) => Assert.Single(Invalid(yaml));
}
