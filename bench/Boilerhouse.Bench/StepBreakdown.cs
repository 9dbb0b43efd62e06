using System.Globalization;
using System.Text.Json.Nodes;

namespace Boilerhouse.Bench;

/// <summary>
/// The profile of a claim series, from the orchestrations' own step history: the median of each
/// step, of the instance (created to last checkpoint), and of what lies outside it (HTTP, grain
/// calls, the first and last database writes).
/// </summary>
public static class StepBreakdown
{
    public static async Task<string> DescribeAsync(BenchApi api, IReadOnlyList<string> instanceIds, double endToEndMedian)
    {
        var steps = new Dictionary<string, List<double>>();
        var order = new List<string>();
        var instances = new List<double>();
        foreach (var id in instanceIds)
        {
            var instance = await api.OrchestrationAsync(id);
            instances.Add((Time(instance, "lastUpdatedTime") - Time(instance, "createdTime")).TotalMilliseconds);
            foreach (var step in instance["steps"]!.AsArray())
            {
                var name = step!["name"]!.GetValue<string>();
                if (!steps.TryGetValue(name, out var samples))
                {
                    steps[name] = samples = [];
                    order.Add(name);
                }

                samples.Add(step["durationMs"]!.GetValue<double>());
            }
        }

        var instanceMedian = Stats.Of(instances).Median;
        var parts = order.Select(name => $"{name} {Stats.Of(steps[name]).Median:0.0}");
        return $"{string.Join(", ", parts)}; instance {instanceMedian:0.0} of {endToEndMedian:0.0} ms end to end (ms)";
    }

    private static DateTimeOffset Time(JsonNode node, string name) =>
        DateTimeOffset.Parse(node[name]!.GetValue<string>(), CultureInfo.InvariantCulture);
}
