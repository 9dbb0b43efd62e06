using Boilerhouse.Core.Workloads;
using Boilerhouse.Core.Workloads.Files;
using Boilerhouse.Core.Workloads.Parsing;

namespace Boilerhouse.Core.Tests.Workloads.Files;

public sealed class PoolsEditTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    [Fact]
    public void Single_pool_block_becomes_a_pools_list_and_the_rest_of_the_file_is_kept()
    {
        const string yaml = """
            # the web workload
            x-boilerhouse:
              id: web
              pool:
                min_size: 2   # keep two warm
                max_size: 10
              name: Web # shown on the dashboard
            image: busybox # the image
            """;

        var edited = PoolsEdit.Write(yaml, [
            new WorkloadPool("web", new PoolSpec(2, 10, Idle)),
            new WorkloadPool("web-eu", new PoolSpec(0, 3, TimeSpan.FromSeconds(90)), new PlacementSpec(new Dictionary<string, string> { ["zone"] = "eu" })),
        ]);

        Assert.Equal("""
            # the web workload
            x-boilerhouse:
              id: web
              pools:
                - { id: web, min_size: 2, max_size: 10, idle_timeout: 30m }
                - { id: web-eu, min_size: 0, max_size: 3, idle_timeout: 1m30s, placement: { labels: { "zone": "eu" } } }
              name: Web # shown on the dashboard
            image: busybox # the image
            """, edited);
        var spec = WorkloadParser.Parse(edited, "w.yaml").Spec!;
        Assert.Equal(["web", "web-eu"], spec.PoolViews().Select(p => p.Id));
        Assert.Equal("zone=eu", spec.PoolViews()[1].Placement.ToString());
    }

    [Fact]
    public void Pools_list_as_last_entry_is_replaced_up_to_its_last_value()
    {
        const string yaml = "x-boilerhouse:\n  id: web\n  pools:\n    - id: a\n      max_size: 2 # two\n    - id: b\n# after\nimage: busybox\n";

        var edited = PoolsEdit.Write(yaml, [new WorkloadPool("a", new PoolSpec(1, 2, Idle))]);

        Assert.Equal("x-boilerhouse:\n  id: web\n  pools:\n    - { id: a, min_size: 1, max_size: 2, idle_timeout: 30m }\n# after\nimage: busybox\n", edited);
    }

    [Fact]
    public void Flow_extension_gets_a_flow_list_and_a_missing_entry_is_added()
    {
        const string yaml = "x-boilerhouse: {id: web}\nimage: busybox\n";

        var edited = PoolsEdit.Write(yaml, [new WorkloadPool("a", new PoolSpec(1, 2, Idle))]);

        Assert.Equal("x-boilerhouse: {pools: [{ id: a, min_size: 1, max_size: 2, idle_timeout: 30m }], id: web}\nimage: busybox\n", edited);
        Assert.True(WorkloadParser.Parse(edited, "w.yaml").IsValid);
    }

    [Fact]
    public void Scale_of_one_entry_of_a_pools_list_changes_only_its_numbers()
    {
        const string yaml = "x-boilerhouse:\n  id: web\n  pools:\n    - { id: a, min_size: 1, max_size: 2 } # first\n    - id: b\n      min_size: 1 # second\n";

        var edited = PoolSizeEdit.Apply(yaml, 0, 5, "b");

        Assert.Equal("x-boilerhouse:\n  id: web\n  pools:\n    - { id: a, min_size: 1, max_size: 2 } # first\n    - max_size: 5\n      id: b\n      min_size: 0 # second\n", edited);
        Assert.Equal(new PoolSpec(0, 5, Idle), WorkloadParser.Parse(edited + "image: busybox\n", "w.yaml").Spec!.PoolViews()[1].Pool);
    }

    [Fact]
    public void Flow_pool_value_is_replaced_whole_up_to_its_brace()
    {
        const string yaml = "# top\nx-boilerhouse:\n  id: w\n  pool: { min_size: 1, max_size: 2, idle_timeout: 30m }\nimage: busybox\n";

        var edited = PoolsEdit.Write(yaml, [new WorkloadPool("w", new PoolSpec(1, 2, Idle)), new WorkloadPool("x", new PoolSpec(0, 1, Idle))]);

        Assert.Equal("# top\nx-boilerhouse:\n  id: w\n  pools:\n    - { id: w, min_size: 1, max_size: 2, idle_timeout: 30m }\n    - { id: x, min_size: 0, max_size: 1, idle_timeout: 30m }\nimage: busybox\n", edited);
    }

    [Fact]
    public void Flow_pools_list_is_replaced_whole_up_to_its_bracket()
    {
        const string yaml = "x-boilerhouse:\n  id: w\n  pools: [{ id: a, placement: { labels: [zone=eu] } }, { id: b }] # two\nimage: busybox\n";

        var edited = PoolsEdit.Write(yaml, [new WorkloadPool("a", new PoolSpec(1, 2, Idle))]);

        Assert.Equal("x-boilerhouse:\n  id: w\n  pools:\n    - { id: a, min_size: 1, max_size: 2, idle_timeout: 30m } # two\nimage: busybox\n", edited);
    }
}
