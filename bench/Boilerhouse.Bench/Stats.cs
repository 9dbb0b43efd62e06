namespace Boilerhouse.Bench;

/// <summary>Median and p99 of a sample, in milliseconds.</summary>
public sealed record Stats(int Count, double Median, double P99)
{
    public static Stats Of(IReadOnlyCollection<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return new Stats(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public override string ToString() => $"median {Median:0.0} ms, p99 {P99:0.0} ms (n={Count})";
}
