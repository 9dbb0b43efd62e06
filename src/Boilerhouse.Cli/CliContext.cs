using System.CommandLine;
using Boilerhouse.Client;
using Boilerhouse.Cli.Output;

namespace Boilerhouse.Cli;

/// <summary>What a command's action needs: its parsed values, the output and a client for the chosen server.</summary>
internal sealed class CliContext(ParseResult parse, CliSession session) : IDisposable
{
    private BoilerhouseClient? _client;

    public bool Json => parse.GetValue(session.Options.Json);

    public TextWriter Out => session.Console.Out;

    public TextWriter Error => session.Console.Error;

    public BoilerhouseClient Client => _client ??= Create();

    public CliConsole Console => session.Console;

    public T? Value<T>(Argument<T> argument) => parse.GetValue(argument);

    public T? Value<T>(Option<T> option) => parse.GetValue(option);

    /// <summary>Writes the result: JSON for scripts, else what <paramref name="forPeople"/> prints.</summary>
    public void Write<T>(T result, Action<TextWriter> forPeople)
    {
        if (Json)
        {
            JsonOutput.Write(Out, result);
        }
        else
        {
            forPeople(Out);
        }
    }

    /// <summary>Runs a long operation with a progress line on the terminal (never in --json mode or when piped).</summary>
    public Task<T> WithProgressAsync<T>(string what, Func<Task<T>> operation) =>
        session.Console.IsTerminal && !Json ? ProgressLine.RunAsync(Error, what, operation) : operation();

    public void Dispose() => _client?.Dispose();

    private BoilerhouseClient Create()
    {
        var options = session.Options;
        var connection = CliConnection.Resolve(parse.GetValue(options.Url), parse.GetValue(options.Key), parse.GetValue(options.Config), session.Environment);
        var credential = connection.Key is { } key ? new BoilerhouseKeyCredential(key) : null;
        return new BoilerhouseClient(connection.Url, credential, new BoilerhouseClientOptions { UserAgent = "boilerhouse-cli/1.0" });
    }
}
