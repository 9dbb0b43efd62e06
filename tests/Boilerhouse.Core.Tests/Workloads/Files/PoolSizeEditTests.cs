using Boilerhouse.Core.Workloads.Files;
using Boilerhouse.Core.Workloads.Parsing;

namespace Boilerhouse.Core.Tests.Workloads.Files;

public sealed class PoolSizeEditTests
{
    [Fact]
    public void Block_pool_changes_only_the_numbers_and_keeps_comments()
    {
        const string yaml = """
            # the web workload
            x-boilerhouse:
              id: web
              pool:
                min_size: 2   # keep two warm
                max_size: 10  # never more
                idle_timeout: 30m
            image: busybox
            """;

        var edited = PoolSizeEdit.Apply(yaml, 3, 12);

        Assert.Equal(yaml.Replace("min_size: 2 ", "min_size: 3 ").Replace("max_size: 10", "max_size: 12"), edited);
    }

    [Fact]
    public void Flow_pool_changes_only_the_numbers()
    {
        const string yaml = "x-boilerhouse:\n  id: w\n  pool: { min_size: 1, max_size: 2, idle_timeout: 30m } # sizes\nimage: a\n";

        Assert.Equal("x-boilerhouse:\n  id: w\n  pool: { min_size: 0, max_size: 2, idle_timeout: 30m } # sizes\nimage: a\n", PoolSizeEdit.Apply(yaml, 0, null));
    }

    [Fact]
    public void Missing_key_is_added_beside_its_siblings()
    {
        const string yaml = "x-boilerhouse:\n  id: w\n  pool:\n    idle_timeout: 5m\nimage: a\n";

        var edited = PoolSizeEdit.Apply(yaml, null, 7);

        Assert.Equal("x-boilerhouse:\n  id: w\n  pool:\n    max_size: 7\n    idle_timeout: 5m\nimage: a\n", edited);
        Assert.Equal(7, WorkloadParser.Parse(edited, "w.yaml").Spec!.Pool.MaxSize);
    }

    [Fact]
    public void Missing_pool_block_is_added_to_x_boilerhouse()
    {
        const string yaml = "image: a\nx-boilerhouse:\n  id: w # the id\n";

        var edited = PoolSizeEdit.Apply(yaml, 2, 4);

        var spec = WorkloadParser.Parse(edited, "w.yaml").Spec!;
        Assert.Equal((2, 4), (spec.Pool.MinSize, spec.Pool.MaxSize));
        Assert.Contains("id: w # the id", edited, StringComparison.Ordinal);
    }

    [Fact]
    public void File_without_x_boilerhouse_is_refused()
    {
        Assert.Throws<FormatException>(() => PoolSizeEdit.Apply("image: a\n", 1, 2));
    }
}
