namespace Boilerhouse.Core.Shell;

/// <summary>A terminal: the command (default <c>/bin/sh</c>), the first size of the screen, extra variables.</summary>
public sealed record TerminalRequest(IReadOnlyList<string> Command, int Columns, int Rows, IReadOnlyDictionary<string, string>? Environment = null)
{
    public static readonly IReadOnlyList<string> DefaultCommand = ["/bin/sh"];
}
