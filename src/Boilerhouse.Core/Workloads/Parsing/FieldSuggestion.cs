namespace Boilerhouse.Core.Workloads.Parsing;

/// <summary>"Did you mean" for misspelt field names: the closest known name within two edits.</summary>
internal static class FieldSuggestion
{
    private const int MaxDistance = 2;

    public static string? Closest(string unknown, IEnumerable<string> known) =>
        known
            .Select(k => (Name: k, Distance: Distance(unknown, k)))
            // A short key is within two edits of almost anything, so the hint would be noise.
            .Where(c => c.Distance <= MaxDistance && c.Distance < unknown.Length)
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();

    // Optimal string alignment distance, so a swapped pair ("imgae") counts as one edit.
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
