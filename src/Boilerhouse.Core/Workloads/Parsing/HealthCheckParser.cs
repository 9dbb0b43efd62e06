using YamlDotNet.RepresentationModel;
using Boilerhouse.Core.Yaml;

namespace Boilerhouse.Core.Workloads.Parsing;

/// <summary>Reads a compose <c>healthcheck</c> block; unset timings get Docker's defaults.</summary>
internal static class HealthCheckParser
{
    private static readonly string[] Fields = ["test", "interval", "timeout", "start_period", "retries", "disable"];

    // Docker rejects intervals and timeouts under a millisecond.
    private static readonly TimeSpan MinimumPeriod = TimeSpan.FromMilliseconds(1);

    public static HealthCheckSpec? Read(YamlFieldReader reader, YamlNode node, string path)
    {
        if (reader.Mapping(node, path, Fields) is not { } f)
        {
            return null;
        }

        var test = f["test"] is { } testNode ? ReadTest(reader, testNode, f.PathOf("test")) : null;
        if (f.Bool("disable") == true)
        {
            if (test is not null && test is not ["NONE"])
            {
                reader.Error(f["disable"]!, f.PathOf("disable"), "disable: true conflicts with a test command; remove one of them");
            }

            test = ["NONE"];
        }

        var interval = Period(f, "interval", WorkloadDefaults.HealthCheckInterval);
        var timeout = Period(f, "timeout", WorkloadDefaults.HealthCheckTimeout);
        var startPeriod = f.Duration("start_period") ?? WorkloadDefaults.HealthCheckStartPeriod;
        var retries = f.Integer("retries", min: 0) ?? WorkloadDefaults.HealthCheckRetries;

        // An empty test keeps the image's HEALTHCHECK command, as Docker does.
        return new HealthCheckSpec(test ?? [], interval, timeout, retries, startPeriod);
    }

    private static TimeSpan Period(YamlFields f, string key, TimeSpan fallback)
    {
        if (f.Duration(key) is not { } value)
        {
            return fallback;
        }

        if (value < MinimumPeriod)
        {
            f.Reader.Error(f[key]!, f.PathOf(key), $"must be at least 1ms, found '{ComposeDuration.Format(value)}'");
        }

        return value;
    }

    private static IReadOnlyList<string>? ReadTest(YamlFieldReader reader, YamlNode node, string path)
    {
        if (node is YamlScalarNode)
        {
            // A plain string is a shell command, as in Compose.
            return reader.String(node, path) is { Length: > 0 } command
                ? ["CMD-SHELL", command]
                : Fail(reader, node, path, "must not be empty");
        }

        if (reader.StringList(node, path) is not { } items)
        {
            return null;
        }

        return items switch
        {
            ["NONE"] => items,
            ["CMD", _, ..] => items,
            ["CMD-SHELL", _] => items,
            ["NONE", ..] => Fail(reader, node, path, "[\"NONE\"] takes no arguments"),
            ["CMD"] => Fail(reader, node, path, "[\"CMD\", ...] needs a command after CMD"),
            ["CMD-SHELL", ..] => Fail(reader, node, path, "[\"CMD-SHELL\", \"...\"] takes exactly one shell command string"),
            _ => Fail(reader, node, path,
                $"expected [\"CMD\", ...], [\"CMD-SHELL\", \"...\"] or [\"NONE\"], found a list starting with {(items.Count > 0 ? $"'{items[0]}'" : "nothing")}"),
        };
    }

    private static IReadOnlyList<string>? Fail(YamlFieldReader reader, YamlNode node, string path, string message)
    {
        reader.Error(node, path, message);
        return null;
    }
}
