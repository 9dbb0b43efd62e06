using System.Globalization;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Shell;

namespace Boilerhouse.Functions.Apis;

/// <summary>A terminal's query string: ?cols= and ?rows= (1-1000, default 80x24) and ?cmd= repeated for argv (default /bin/sh).</summary>
public static class TerminalOptions
{
    public const int MaxSide = 1000;

    public static TerminalRequest Read(IQueryCollection query)
    {
        var command = query["cmd"].Where(c => c is not null).Select(c => c!).ToList();
        if (command.Count > 0 && (command[0].Length == 0 || command.Any(c => c.Contains('\0', StringComparison.Ordinal))))
        {
            throw new BoilerhouseException(ErrorCodes.InvalidRequest, "cmd must name a program (repeat ?cmd= for its arguments), without NUL characters.");
        }

        return new TerminalRequest(command.Count > 0 ? command : TerminalRequest.DefaultCommand, Side(query, "cols", 80), Side(query, "rows", 24));
    }

    public static int Side(IQueryCollection query, string name, int fallback) => query[name].ToString() switch
    {
        "" => fallback,
        var raw when int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= MaxSide => value,
        var raw => throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"{name} must be a whole number from 1 to {MaxSide}, got '{(raw.Length > 20 ? raw[..20] : raw)}'."),
    };
}
