using System.Text;
using System.Text.RegularExpressions;

namespace Boilerhouse.Core.Workloads;

/// <summary>
/// <c>${VAR}</c> in a workload's environment values, filled from the host's settings (never from
/// tenant input); <c>$$</c> writes one dollar. BOILERHOUSE_* and DOCKER_* are refused: they hold the
/// host's own keys and connection details, which a workload author must not be able to copy into
/// a tenant's container.
/// </summary>
public sealed partial class WorkloadVariables(Func<string, string?> lookup)
{
    /// <summary>No variables at all: every ${VAR} is a missing variable.</summary>
    public static WorkloadVariables None { get; } = new(_ => null);

    private static readonly string[] RefusedPrefixes = ["BOILERHOUSE_", "DOCKER_"];

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    /// <summary>The value with every ${VAR} replaced and $$ turned into $; otherwise the reason it cannot be.</summary>
    public Substitution Substitute(string value)
    {
        if (!value.Contains('$', StringComparison.Ordinal))
        {
            return new Substitution(value, null);
        }

        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '$')
            {
                result.Append(value[i]);
                continue;
            }

            if (i + 1 < value.Length && value[i + 1] == '$')
            {
                result.Append('$');
                i++;
                continue;
            }

            if (i + 1 >= value.Length || value[i + 1] != '{')
            {
                // Compose reads $NAME as a variable too; say which spelling is meant rather than guess.
                if (i + 1 < value.Length && (char.IsAsciiLetter(value[i + 1]) || value[i + 1] == '_'))
                {
                    return Error("write ${NAME} to use a host setting, or $$ for a literal '$'");
                }

                result.Append('$');
                continue;
            }

            var end = value.IndexOf('}', i + 2);
            if (end < 0)
            {
                return Error("'${' has no closing '}'");
            }

            var name = value[(i + 2)..end];
            if (!NamePattern().IsMatch(name))
            {
                return Error($"'${{{Shorten(name)}}}' is not a variable name (letters, digits and '_'; no defaults or other shell forms)");
            }

            if (RefusedPrefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)) is { } refused)
            {
                return Error($"${{{name}}} is refused: {refused}* settings are the host's own and never go into containers");
            }

            if (lookup(name) is not { } found)
            {
                return Error($"variable '{name}' is not set; set {name} in the host's environment or local.settings.json Values, or write $${{{name}}} for a literal");
            }

            result.Append(found);
            i = end;
        }

        return new Substitution(result.ToString(), null);
    }

    private static Substitution Error(string message) => new(null, message);

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "..." : text;
}

/// <summary>A substituted value, or the error that kept it from being one.</summary>
public sealed record Substitution(string? Value, string? Error);
