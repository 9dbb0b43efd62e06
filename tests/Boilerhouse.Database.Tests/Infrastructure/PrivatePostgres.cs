using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Boilerhouse.Database.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of one test's own (same binaries as eng/setup-postgres.sh, its own folder and
/// port), so the test may stop and start it without touching the cluster others use.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _bin;

    private PrivatePostgres(string folder, string bin, int port)
    {
        _folder = folder;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Database=postgres;Username=postgres;Timeout=5;Command Timeout=15";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("bh-database-pg-").FullName;
        var cluster = new PrivatePostgres(folder, SharedPostgres.BinFolder, FreePort());
        await RunAsync("chown", "postgres:postgres", folder);
        await cluster.AsPostgresAsync("initdb", "-D", cluster.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await cluster.StartAgainAsync();
        return cluster;
    }

    private string Data => Path.Combine(_folder, "data");

    /// <summary>Stops the server at once (fast shutdown: open connections are cut, as when a database server goes down).</summary>
    public Task StopAsync() => AsPostgresAsync("pg_ctl", "-D", Data, "-m", "fast", "-w", "-t", "90", "stop");

    public Task StartAgainAsync() => AsPostgresAsync(
        "pg_ctl", "-D", Data, "-w", "-t", "90", "-l", Path.Combine(_folder, "server.log"),
        "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsPostgresAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }

        Directory.Delete(_folder, recursive: true);
    }

    private Task AsPostgresAsync(string program, params string[] args) =>
        RunAsync("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", Path.Combine(_bin, program), .. args]);

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
