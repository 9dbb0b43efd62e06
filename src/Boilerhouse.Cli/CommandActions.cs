using System.CommandLine;
using Boilerhouse.Client;
using Boilerhouse.Cli.Output;

namespace Boilerhouse.Cli;

/// <summary>Gives every command the same error handling: an API problem prints its code and exits 1, a usage error exits 2.</summary>
internal static class CommandActions
{
    public static Command Run(this Command command, CliSession session, Func<CliContext, CancellationToken, Task> action) =>
        command.Run(session, async (context, cancellationToken) =>
        {
            await action(context, cancellationToken);
            return CliExitCodes.Ok;
        });

    /// <summary>Like <see cref="Run(Command, CliSession, Func{CliContext, CancellationToken, Task})"/> for an action that chooses its exit code.</summary>
    public static Command Run(this Command command, CliSession session, Func<CliContext, CancellationToken, Task<int>> action)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var context = new CliContext(parse, session);
            try
            {
                return await action(context, cancellationToken);
            }
            catch (BoilerhouseRequestException e)
            {
                if (context.Json)
                {
                    JsonOutput.Write(context.Error, new { status = e.Status, code = e.Code, message = e.Message, retryAfterSeconds = e.RetryAfter?.TotalSeconds, instanceId = e.InstanceId });
                }
                else
                {
                    var status = e.Status > 0 ? $" ({e.Status})" : "";
                    context.Error.WriteLine($"error: {e.Code}{status}: {e.Message}");
                }

                return CliExitCodes.ApiError;
            }
            catch (CliUsageException e)
            {
                context.Error.WriteLine($"usage: {e.Message}");
                return CliExitCodes.Usage;
            }
        });
        return command;
    }

    /// <summary>Adds arguments and options to a command.</summary>
    public static Command With(this Command command, params Symbol[] symbols)
    {
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
            }
        }

        return command;
    }
}
