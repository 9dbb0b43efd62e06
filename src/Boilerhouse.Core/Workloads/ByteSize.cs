using System.Globalization;
using System.Text.RegularExpressions;

namespace Boilerhouse.Core.Workloads;

/// <summary>
/// Compose byte values: a number with an optional unit b, k, m, g, t, p (also kb, mb, gb, and kib,
/// mib, gib), case-insensitive, in binary multiples as Docker reads them: <c>512m</c> is 512 MiB.
/// </summary>
public static partial class ByteSize
{
    [GeneratedRegex(@"^(?<n>[0-9]+(?:\.[0-9]+)?) ?(?:(?<u>[kmgtp])i?)?b?\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        var match = text is null ? null : Pattern().Match(text.Trim());
        if (match is not { Success: true }
            || !decimal.TryParse(match.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var unit = match.Groups["u"].Success ? char.ToLowerInvariant(match.Groups["u"].Value[0]) : 'b';
        var shift = unit switch { 'k' => 10, 'm' => 20, 'g' => 30, 't' => 40, 'p' => 50, _ => 0 };
        try
        {
            var value = decimal.Floor(number * (1L << shift));
            if (value > long.MaxValue)
            {
                return false;
            }

            bytes = (long)value;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Formats with the largest exact binary unit, e.g. <c>512M</c>; parses back with <see cref="TryParse"/>.</summary>
    public static string Format(long bytes)
    {
        foreach (var (suffix, shift) in new[] { ("G", 30), ("M", 20), ("K", 10) })
        {
            if (bytes != 0 && bytes % (1L << shift) == 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{bytes >> shift}{suffix}");
            }
        }

        return bytes.ToString(CultureInfo.InvariantCulture);
    }
}
