namespace Boilerhouse.Bench;

/// <summary>One line of the report: a measured figure beside its goal.</summary>
public sealed record Result(string Scenario, string Figure, string Measured, string Goal, bool? Met, string Note = "");

/// <summary>Collects results and renders the Markdown report with the machine's facts.</summary>
public sealed class Results
{
    private readonly List<Result> _rows = [];

    public void Add(Result row)
    {
        _rows.Add(row);
        Console.WriteLine($"  {row.Scenario} | {row.Figure}: {row.Measured} (goal {row.Goal}) {Verdict(row)} {row.Note}");
    }

    public string ToMarkdown(string header) =>
        header + "\n| Scenario | Figure | Measured | Goal | Met |\n|---|---|---|---|---|\n"
        + string.Join("\n", _rows.Select(r => $"| {r.Scenario} | {r.Figure} | {r.Measured} | {r.Goal} | {Verdict(r)}{(r.Note.Length > 0 ? " " + r.Note : "")} |"))
        + "\n" + Bounds.For(_rows);

    private static string Verdict(Result r) => r.Met switch { true => "yes", false => "**no**", null => "" };
}
