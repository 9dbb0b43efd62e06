using System.Text;

namespace Boilerhouse.Core.Workloads.Parsing;

/// <summary>
/// Splits a compose string command into exec form the way Compose does (POSIX shell quoting, no
/// expansion): <c>sh -c 'echo "hi there"'</c> becomes [sh, -c, echo "hi there"].
/// </summary>
internal static class ShellWords
{
    public static bool TrySplit(string text, out IReadOnlyList<string> words, out string? error)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote == '\'')
            {
                if (c == '\'')
                {
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (quote == '"')
            {
                if (c == '"')
                {
                    quote = null;
                }
                else if (c == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`')
                {
                    current.Append(text[++i]);
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    result.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                inWord = true;
                if (c is '\'' or '"')
                {
                    quote = c;
                }
                else if (c == '\\')
                {
                    if (i + 1 == text.Length)
                    {
                        words = [];
                        error = "ends with an unfinished backslash escape";
                        return false;
                    }

                    current.Append(text[++i]);
                }
                else
                {
                    current.Append(c);
                }
            }
        }

        if (quote is { } open)
        {
            words = [];
            error = $"has an unterminated {open} quote";
            return false;
        }

        if (inWord)
        {
            result.Add(current.ToString());
        }

        words = result;
        error = null;
        return true;
    }
}
