using System.Text.Json;
using Boilerhouse.Core.Events;
using Boilerhouse.Functions.Access;
using Boilerhouse.Orchestration.Events;
using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// Writes one command-log entry for an exec or terminal session, naming the key that ran it, and
/// announces it (command.finished, without the command itself) so open tenant pages show it live.
/// </summary>
public sealed class CommandLog(CommandLogStore store, IEventPublisher events, TimeProvider time, ILogger<CommandLog> logger)
{
    public DateTimeOffset Now => time.GetUtcNow();

    public async Task RecordAsync(
        HttpContext http, ShellTarget target, string kind, IReadOnlyList<string> command, DateTimeOffset started, long? exitCode, bool timedOut, string? error)
    {
        var principal = http.Items[typeof(AccessPrincipal)] as AccessPrincipal;
        var record = new CommandRecord
        {
            Time = started,
            Kind = kind,
            TenantId = target.TenantId,
            ContainerId = target.Container.Id,
            HostId = target.Container.HostId,
            KeyId = principal?.KeyId,
            KeyName = principal?.Name,
            Command = JsonSerializer.Serialize(command),
            DurationMs = (long)(time.GetUtcNow() - started).TotalMilliseconds,
            ExitCode = exitCode,
            TimedOut = timedOut,
            Error = error,
        };
        try
        {
            // Not the request's token: a client that left still gets its command logged.
            await store.AddAsync(record, CancellationToken.None);
            events.Publish(EventTypes.CommandFinished, target.Container.PoolId, target.TenantId, target.Container.Id, target.Container.HostId,
                new { record.Kind, record.ExitCode, record.TimedOut, record.DurationMs, record.KeyName });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "Could not write the command log entry of {Kind} in container {ContainerId}", kind, target.Container.Id);
        }
    }
}
