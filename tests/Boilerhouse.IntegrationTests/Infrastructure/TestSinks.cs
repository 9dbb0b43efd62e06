namespace Boilerhouse.IntegrationTests.Infrastructure;

/// <summary>The real S3 server (s3rver) and Azure Blob emulator (Azurite) that eng/setup-sinks.sh starts, from .eng-state/sinks.env.</summary>
public static class TestSinks
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Values = new(Read);

    public static Uri S3Endpoint => new(Value("S3_ENDPOINT"));

    public static string S3AccessKey => Value("S3_ACCESS_KEY_ID");

    public static string S3SecretKey => Value("S3_SECRET_ACCESS_KEY");

    public static string AzureConnectionString => Value("AZURE_BLOB_CONNECTION_STRING");

    private static string Value(string key) => Values.Value.TryGetValue(key, out var value) ? value
        : throw new InvalidOperationException($"{key} is missing from sinks.env: run eng/setup-sinks.sh.");

    private static IReadOnlyDictionary<string, string> Read()
    {
        var file = Path.Combine(
            Environment.GetEnvironmentVariable("ENG_STATE") is { Length: > 0 } configured ? configured : Path.Combine(HostProcess.RepoRoot(), ".eng-state"),
            "sinks.env");
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"{file} does not exist: run eng/setup-sinks.sh (eng/test does) to start s3rver and Azurite.");
        }

        return File.ReadAllLines(file)
            .Where(l => l.Contains('=', StringComparison.Ordinal))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim());
    }
}
