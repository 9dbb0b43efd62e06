using System.CommandLine;
using Boilerhouse.Cli.Output;
using Boilerhouse.Client.Models;

namespace Boilerhouse.Cli.Commands;

/// <summary>
/// <c>boilerhouse tenants exec TENANT -- cmd...</c>: runs a command in the tenant's container and prints
/// its stdout and stderr where they belong; exits 3 when the command exited non-zero or timed out.
/// </summary>
internal static class ExecCommand
{
    public static Command Create(CliSession session, Argument<string> tenantId)
    {
        var command = new Argument<string[]>("command") { Description = "The program and its arguments, after --", Arity = ArgumentArity.OneOrMore };
        var timeout = new Option<int?>("--timeout") { Description = "Seconds before every process of the command is killed (1-600, default 30)" };
        var env = new Option<string[]>("--env") { Description = "An environment variable as NAME=value (repeatable)" };
        var workdir = new Option<string?>("--workdir") { Description = "The absolute folder to run in, e.g. /state" };
        return new Command("exec", "Runs a command in a tenant's container (no shell: use -- sh -c '...')")
            .With(tenantId, command, timeout, env, workdir).Run(session, async (cli, ct) =>
            {
                var request = new ExecRequest(cli.Value(command)!)
                {
                    Timeout = cli.Value(timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                    Environment = Pairs.Parse("--env", cli.Value(env)),
                    WorkingDirectory = cli.Value(workdir),
                };
                return Print(cli, await cli.Client.ExecAsync(cli.Value(tenantId)!, request, ct));
            });
    }

    /// <summary>Prints a command's outcome (stdout and stderr where they belong, or --json) and answers the exit code: 3 unless it exited 0.</summary>
    public static int Print(CliContext cli, ExecResult result)
    {
        if (cli.Json)
        {
            JsonOutput.Write(cli.Out, result);
        }
        else
        {
            cli.Out.Write(result.Stdout);
            cli.Error.Write(result.Stderr);
            if (result.TimedOut)
            {
                cli.Error.WriteLine($"timed out after {result.DurationMs} ms: the command's processes were killed");
            }
            else if (result.Truncated)
            {
                cli.Error.WriteLine("(output truncated at 1 MiB)");
            }
        }

        return result is { ExitCode: 0, TimedOut: false } ? CliExitCodes.Ok : CliExitCodes.CommandFailed;
    }
}
