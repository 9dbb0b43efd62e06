using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Sync.Tests.Infrastructure;

/// <summary>The s3rver and Azurite that eng/setup-sinks.sh starts, read from .eng-state/sinks.env (ENG_STATE overrides the folder).</summary>
public static class SinkServers
{
    public const string AzureSetting = "TEST_AZURE_STORAGE";

    private static readonly Lazy<Dictionary<string, string>> Values = new(Read);

    public static IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        [SinkSpec.S3AccessKeySetting] = Value("S3_ACCESS_KEY_ID"),
        [SinkSpec.S3SecretKeySetting] = Value("S3_SECRET_ACCESS_KEY"),
        [AzureSetting] = Value("AZURE_BLOB_CONNECTION_STRING"),
    };

    public static Uri S3Endpoint => new(Value("S3_ENDPOINT"));

    public static string Value(string key) => Values.Value.TryGetValue(key, out var value) ? value
        : throw new InvalidOperationException($"{key} is missing from sinks.env: run eng/setup-sinks.sh.");

    private static Dictionary<string, string> Read()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Boilerhouse.Functions.sln")))
        {
            dir = dir.Parent;
        }

        var state = Environment.GetEnvironmentVariable("ENG_STATE") is { Length: > 0 } configured ? configured : Path.Combine(dir!.FullName, ".eng-state");
        var file = Path.Combine(state, "sinks.env");
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"{file} does not exist: run eng/setup-sinks.sh (eng/test does) to start s3rver and Azurite.");
        }

        return File.ReadAllLines(file).Where(l => l.Contains('=', StringComparison.Ordinal)).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
    }
}
