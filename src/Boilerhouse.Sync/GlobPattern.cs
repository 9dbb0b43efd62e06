using System.Text;
using System.Text.RegularExpressions;

namespace Boilerhouse.Sync;

/// <summary>
/// A glob over '/'-separated relative paths: '*' and '?' stay within one segment, '**' crosses
/// segments ('**/*.log' also matches 'a.log' at the top), '{a,b}' is either. No pattern matches all.
/// </summary>
public sealed class GlobPattern
{
    public static readonly GlobPattern All = new(null);

    private readonly Regex? _regex;

    private GlobPattern(Regex? regex) => _regex = regex;

    public static GlobPattern Parse(string? pattern) => string.IsNullOrEmpty(pattern) ? All : new GlobPattern(Compile(pattern));

    public bool Matches(string relativePath) => _regex?.IsMatch(relativePath) ?? true;

    private static Regex Compile(string pattern)
    {
        var regex = new StringBuilder("^");
        var inAlternation = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                    regex.Append(slash ? "(?:.*/)?" : ".*");
                    i += slash ? 2 : 1;
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '{':
                    inAlternation = true;
                    regex.Append("(?:");
                    break;
                case '}' when inAlternation:
                    inAlternation = false;
                    regex.Append(')');
                    break;
                case ',' when inAlternation:
                    regex.Append('|');
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return new Regex(regex.Append(@"\z").ToString(), RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }
}
