using System.Globalization;
using System.Text;

namespace Boilerhouse.Core.Workloads;

/// <summary>
/// Compose durations: a sequence of number+unit like <c>1m30s</c>, <c>500ms</c>, <c>1.5h</c>, or <c>0</c>.
/// Units are Go's (ns, us, ms, s, m, h) because Compose parses them with Go's time.ParseDuration.
/// </summary>
public static class ComposeDuration
{
    private static readonly (string Unit, decimal Ticks)[] Units =
    [
        // "ms" before "m", so "500ms" is not read as 500 minutes followed by garbage.
        ("ns", 0.01m),
        ("us", 10m),
        ("µs", 10m),
        ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute),
        ("h", TimeSpan.TicksPerHour),
    ];

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (s == "0")
        {
            return true;
        }

        decimal ticks = 0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (i == start || !decimal.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var rest = s[i..];
            var unit = Units.FirstOrDefault(u => rest.StartsWith(u.Unit, StringComparison.Ordinal));
            if (unit.Unit is null)
            {
                return false;
            }

            i += unit.Unit.Length;
            ticks += number * unit.Ticks;
            if (ticks > TimeSpan.MaxValue.Ticks)
            {
                return false;
            }
        }

        value = TimeSpan.FromTicks((long)decimal.Floor(ticks));
        return true;
    }

    /// <summary>Formats as the shortest compose duration, e.g. <c>1m30s</c>; the inverse of <see cref="TryParse"/>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var sb = new StringBuilder();
        if (value.Days > 0 || value.Hours > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{(long)value.TotalHours}h");
        }

        if (value.Minutes > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{value.Minutes}m");
        }

        if (value.Seconds > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{value.Seconds}s");
        }

        if (value.Milliseconds > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{value.Milliseconds}ms");
        }

        var micros = value.Ticks % TimeSpan.TicksPerMillisecond / 10;
        if (micros > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{micros}us");
        }

        return sb.ToString();
    }
}
