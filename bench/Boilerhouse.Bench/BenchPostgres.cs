using System.Diagnostics;

namespace Boilerhouse.Bench;

/// <summary>
/// A fresh database on the PostgreSQL cluster of eng/setup-postgres.sh (its details in
/// $ENG_STATE/postgres.env), created and dropped with the cluster's own psql.
/// </summary>
public sealed class BenchPostgres : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _env;
    private readonly string _name;

    private BenchPostgres(IReadOnlyDictionary<string, string> env, string name)
    {
        _env = env;
        _name = name;
        ConnectionString = $"Host={env["POSTGRES_HOST"]};Port={env["POSTGRES_PORT"]};Database={name};Username={env["POSTGRES_USER"]};Password={env["POSTGRES_PASSWORD"]}";
    }

    public string ConnectionString { get; }

    public static async Task<BenchPostgres> CreateAsync(BenchOptions options)
    {
        var state = Environment.GetEnvironmentVariable("ENG_STATE") is { Length: > 0 } s ? s : Path.Combine(options.RepoRoot, ".eng-state");
        var file = Path.Combine(state, "postgres.env");
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"No PostgreSQL details in {file}: run eng/setup-postgres.sh (or set ENG_STATE).");
        }

        var env = File.ReadLines(file).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        var database = new BenchPostgres(env, $"bench_{Guid.NewGuid():N}");
        await database.PsqlAsync($"CREATE DATABASE \"{database._name}\"");
        return database;
    }

    public async ValueTask DisposeAsync() => await PsqlAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");

    private async Task PsqlAsync(string sql)
    {
        var info = new ProcessStartInfo(Path.Combine(_env["POSTGRES_BIN"], "psql"),
            ["-h", _env["POSTGRES_HOST"], "-p", _env["POSTGRES_PORT"], "-U", _env["POSTGRES_USER"], "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", sql])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["PGPASSWORD"] = _env["POSTGRES_PASSWORD"];
        using var psql = Process.Start(info)!;
        var error = await psql.StandardError.ReadToEndAsync();
        await psql.WaitForExitAsync();
        if (psql.ExitCode != 0)
        {
            throw new InvalidOperationException($"psql failed ({psql.ExitCode}): {error.Trim()}");
        }
    }
}
