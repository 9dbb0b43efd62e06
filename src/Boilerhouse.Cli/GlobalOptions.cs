using System.CommandLine;

namespace Boilerhouse.Cli;

/// <summary>Options every command takes (one set per run: a symbol belongs to one command tree).</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Url { get; } = new("--url") { Description = $"The server (else BOILERHOUSE_URL, the config file, {CliConnection.DefaultUrl})", Recursive = true };

    public Option<string?> Key { get; } = new("--key") { Description = "The API key (else BOILERHOUSE_KEY or the config file)", Recursive = true };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "A config file {\"url\", \"key\"} (else BOILERHOUSE_CONFIG or ~/.config/boilerhouse/config.json)",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Print JSON for scripts instead of tables", Recursive = true };

    public IEnumerable<Option> All => [Url, Key, Config, Json];
}

/// <summary>What every command of one run shares: the console, the environment and the global options.</summary>
internal sealed record CliSession(CliConsole Console, Func<string, string?> Environment, GlobalOptions Options);
