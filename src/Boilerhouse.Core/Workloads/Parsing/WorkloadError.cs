namespace Boilerhouse.Core.Workloads.Parsing;

/// <summary>
/// One problem found in a workload file. <paramref name="Field"/> is the path of the offending field
/// (e.g. <c>deploy.resources.limits.memory</c>, <c>volumes[1].target</c>); empty for file-level errors.
/// </summary>
/// <param name="File">The file the error was found in.</param>
/// <param name="Line">1-based line of the offending node, when known.</param>
/// <param name="Field">Dotted path of the field, with [n] for list items.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record WorkloadError(string File, int? Line, string Field, string Message)
{
    /// <summary>Compiler-style text: <c>file:line: field: message</c>.</summary>
    public override string ToString()
    {
        var location = Line is { } line ? $"{File}:{line}" : File;
        return Field.Length > 0 ? $"{location}: {Field}: {Message}" : $"{location}: {Message}";
    }
}
