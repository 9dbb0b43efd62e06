using Boilerhouse.Core.Shell;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Boilerhouse.Docker.Runtime;

/// <summary>
/// Runs a person's command in a container: argv as given, a marker variable on every process it starts,
/// output kept up to a cap, and at the deadline (or when the caller goes away) a kill of every marked process.
/// </summary>
internal sealed class ContainerCommands(EngineConnection engine, ProcessKiller killer)
{
    /// <summary>How long the output may stay open after the kill before we stop waiting for it.</summary>
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ExitCodePollInterval = TimeSpan.FromMilliseconds(20);
    private const int ExitCodePolls = 100;

    public async Task<CommandResult> RunAsync(string containerId, CommandRequest request, CancellationToken cancellationToken)
    {
        var started = engine.Time.GetTimestamp();
        var marker = Guid.NewGuid().ToString("N");
        var execId = await CreateAsync(containerId, request.Command, request.Environment, request.WorkingDirectory, marker, tty: false, cancellationToken).ConfigureAwait(false);
        using var stream = await StartAsync(containerId, execId, tty: false, cancellationToken).ConfigureAwait(false);

        var stdout = new OutputBuffer(request.MaxOutputBytes);
        var stderr = new OutputBuffer(request.MaxOutputBytes);
        using var stopReading = new CancellationTokenSource();
        var reading = ReadAsync(stream, stdout, stderr, stopReading.Token);
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var deadline = Task.Delay(request.Timeout, engine.Time, stopWaiting.Token);
        var timedOut = await Task.WhenAny(reading, deadline).ConfigureAwait(false) == deadline && !cancellationToken.IsCancellationRequested;
        await stopWaiting.CancelAsync().ConfigureAwait(false);
        if (timedOut || cancellationToken.IsCancellationRequested)
        {
            // Not the caller's token: a client that went away must not leave its command running.
            if (timedOut)
            {
                DockerLog.CommandTimedOut(engine.Logger, containerId, request.Command[0], request.Timeout.TotalSeconds);
            }

            await killer.KillAsync(containerId, marker, CancellationToken.None).ConfigureAwait(false);
            stopReading.CancelAfter(KillGrace);
        }

        try
        {
            await reading.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopReading.IsCancellationRequested)
        {
            // A process that dropped the marker kept the output open; answer with what we have.
        }

        cancellationToken.ThrowIfCancellationRequested();
        var exitCode = await ExitCodeAsync(execId, cancellationToken).ConfigureAwait(false);
        return new CommandResult(exitCode, stdout.ToString(), stderr.ToString(), stdout.Truncated || stderr.Truncated, timedOut, engine.Time.GetElapsedTime(started));
    }

    public async Task<string> CreateAsync(
        string containerId, IReadOnlyList<string> command, IReadOnlyDictionary<string, string>? environment, string? workingDirectory,
        string marker, bool tty, CancellationToken cancellationToken)
    {
        List<string> env = [.. (environment ?? new Dictionary<string, string>()).Select(e => $"{e.Key}={e.Value}"), $"{CommandRequest.MarkerVariable}={marker}"];
        if (tty && environment?.ContainsKey("TERM") != true)
        {
            env.Add("TERM=xterm");
        }

        var parameters = new ContainerExecCreateParameters
        {
            AttachStdin = tty,
            AttachStdout = true,
            AttachStderr = true,
            Tty = tty,
            Cmd = [.. command],
            Env = env,
            WorkingDir = string.IsNullOrEmpty(workingDirectory) ? null : workingDirectory,
        };
        try
        {
            var exec = await engine.Call.RunAsync("create an exec", t => engine.Client.Exec.ExecCreateContainerAsync(containerId, parameters, t), cancellationToken).ConfigureAwait(false);
            return exec.ID;
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw DockerErrors.NotFound(containerId);
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed($"run {command[0]}", containerId, e);
        }
    }

    public async Task<MultiplexedStream> StartAsync(string containerId, string execId, bool tty, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.Call.RunAsync("start an exec", t => engine.Client.Exec.StartAndAttachContainerExecAsync(execId, tty, t), cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed("start a command", containerId, e);
        }
    }

    /// <summary>The exit code once the engine has recorded it (the output can close a moment before); null when it never does.</summary>
    public async Task<long?> ExitCodeAsync(string execId, CancellationToken cancellationToken)
    {
        for (var i = 0; i < ExitCodePolls; i++)
        {
            var inspect = await engine.Call.RunAsync("inspect an exec", t => engine.Client.Exec.InspectContainerExecAsync(execId, t), cancellationToken).ConfigureAwait(false);
            if (!inspect.Running)
            {
                return inspect.ExitCode;
            }

            await Task.Delay(ExitCodePollInterval, engine.Time, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private static async Task ReadAsync(MultiplexedStream stream, OutputBuffer stdout, OutputBuffer stderr, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        while (true)
        {
            // WaitAsync: the transport's read does not always honour the token.
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (read.EOF)
            {
                return;
            }

            (read.Target == MultiplexedStream.TargetStream.StandardError ? stderr : stdout).Append(buffer, read.Count);
        }
    }
}
