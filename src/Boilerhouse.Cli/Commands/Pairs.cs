namespace Boilerhouse.Cli.Commands;

/// <summary>Options given as name=value (secrets, environment variables).</summary>
internal static class Pairs
{
    public static Dictionary<string, string>? Parse(string option, string[]? pairs)
    {
        if (pairs is not { Length: > 0 })
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                throw new CliUsageException($"{option} takes name=value, got '{pair}'.");
            }

            values[pair[..equals]] = pair[(equals + 1)..];
        }

        return values;
    }
}
