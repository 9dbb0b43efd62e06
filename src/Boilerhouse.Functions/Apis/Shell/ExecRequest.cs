using System.Text.Json;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Shell;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// The body of POST /api/v1/tenants/{tenantId}/exec: <c>{cmd: [...], timeoutSeconds?, env?, workdir?}</c>,
/// read by hand so every mistake gets a precise INVALID_REQUEST.
/// </summary>
public sealed record ExecRequest(IReadOnlyList<string> Cmd, int TimeoutSeconds, IReadOnlyDictionary<string, string>? Env, string? Workdir)
{
    public const int DefaultTimeoutSeconds = 30;
    public const int MaxTimeoutSeconds = 600;
    private const int MaxBodyBytes = 256 * 1024;

    public CommandRequest ToCommand() => new(Cmd, TimeSpan.FromSeconds(TimeoutSeconds), Env, Workdir);

    public static async Task<ExecRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, MaxBodyBytes, "exec", cancellationToken);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw Invalid($"The body is not JSON: {ex.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("The body must be a JSON object such as {\"cmd\": [\"ls\", \"-l\"]}.");
        }

        return new ExecRequest(ReadCmd(root), ReadTimeout(root), ReadEnv(root), ReadWorkdir(root));
    }

    private static List<string> ReadCmd(JsonElement root)
    {
        if (!root.TryGetProperty("cmd", out var cmd) || cmd.ValueKind != JsonValueKind.Array || cmd.GetArrayLength() == 0)
        {
            throw Invalid("cmd must be a non-empty array of strings, the program and its arguments (no shell: use [\"sh\", \"-c\", \"...\"] for one).");
        }

        var args = new List<string>();
        foreach (var arg in cmd.EnumerateArray())
        {
            if (arg.ValueKind != JsonValueKind.String || arg.GetString()!.Contains('\0', StringComparison.Ordinal))
            {
                throw Invalid("Every entry of cmd must be a string without NUL characters.");
            }

            args.Add(arg.GetString()!);
        }

        return args[0].Length > 0 ? args : throw Invalid("cmd[0], the program to run, must not be empty.");
    }

    private static int ReadTimeout(JsonElement root)
    {
        if (!root.TryGetProperty("timeoutSeconds", out var timeout) || timeout.ValueKind == JsonValueKind.Null)
        {
            return DefaultTimeoutSeconds;
        }

        return timeout.ValueKind == JsonValueKind.Number && timeout.TryGetInt32(out var seconds) && seconds is >= 1 and <= MaxTimeoutSeconds
            ? seconds
            : throw Invalid($"timeoutSeconds must be a whole number from 1 to {MaxTimeoutSeconds}.");
    }

    private static Dictionary<string, string>? ReadEnv(JsonElement root)
    {
        if (!root.TryGetProperty("env", out var env) || env.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (env.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("env must be an object of variable names to string values, such as {\"LANG\": \"C\"}.");
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in env.EnumerateObject())
        {
            if (variable.Name.Length == 0 || variable.Name.Contains('=', StringComparison.Ordinal) || variable.Name.Contains('\0', StringComparison.Ordinal))
            {
                throw Invalid($"'{variable.Name}' is not a variable name: it must be non-empty, without '=' or NUL.");
            }

            if (variable.Name == CommandRequest.MarkerVariable)
            {
                throw Invalid($"{CommandRequest.MarkerVariable} is set by Boilerhouse (it finds the command's processes on a timeout).");
            }

            if (variable.Value.ValueKind != JsonValueKind.String || variable.Value.GetString()!.Contains('\0', StringComparison.Ordinal))
            {
                throw Invalid($"env.{variable.Name} must be a string without NUL characters.");
            }

            variables[variable.Name] = variable.Value.GetString()!;
        }

        return variables;
    }

    private static string? ReadWorkdir(JsonElement root)
    {
        if (!root.TryGetProperty("workdir", out var workdir) || workdir.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return workdir.ValueKind == JsonValueKind.String && workdir.GetString() is { } dir && dir.StartsWith('/') && !dir.Contains('\0', StringComparison.Ordinal)
            ? dir
            : throw Invalid("workdir must be an absolute path inside the container, such as /state.");
    }

    private static BoilerhouseException Invalid(string message) => new(ErrorCodes.InvalidRequest, message);
}
