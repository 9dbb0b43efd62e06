using System.Diagnostics;

namespace Boilerhouse.Bench;

/// <summary>
/// Debian's rclone against the same S3 server: the baseline for moving tenant state. Configured
/// through environment variables (remote "bench"); run without AWS_CA_BUNDLE, which breaks it here.
/// </summary>
public sealed class Rclone(Uri endpoint)
{
    public const string Remote = "bench";

    /// <summary>Runs rclone with the arguments; answers its wall time in milliseconds.</summary>
    public async Task<double> RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("rclone", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment.Remove("AWS_CA_BUNDLE");
        info.Environment["RCLONE_CONFIG_BENCH_TYPE"] = "s3";
        info.Environment["RCLONE_CONFIG_BENCH_PROVIDER"] = "Other";
        info.Environment["RCLONE_CONFIG_BENCH_ENDPOINT"] = endpoint.ToString();
        info.Environment["RCLONE_CONFIG_BENCH_ACCESS_KEY_ID"] = "S3RVER";
        info.Environment["RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY"] = "S3RVER";
        info.Environment["RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE"] = "true";
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return process.ExitCode == 0 ? elapsed
            : throw new InvalidOperationException($"rclone {string.Join(' ', arguments)} failed: {await stderr}");
    }
}
