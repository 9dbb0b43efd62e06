using System.Globalization;

namespace Boilerhouse.Dashboard.Data;

/// <summary>Byte counts as people read them (KiB, MiB, GiB).</summary>
public static class Bytes
{
    public static string Text(long? bytes) => bytes switch
    {
        null => "unlimited",
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.##} GiB"),
    };
}
