using Boilerhouse.Core.Workloads;
using Boilerhouse.Core.Workloads.Parsing;

namespace Boilerhouse.Core.Tests.Workloads;

public sealed class WorkloadPoolsTests
{
    private const string TwoPools = """
        x-boilerhouse:
          id: web
          placement: { labels: { disk: ssd } }
          pools:
            - { id: web-eu, min_size: 2, max_size: 4, placement: { labels: { zone: eu } } }
            - id: web-us
              max_size: 3
              idle_timeout: 5m
        image: busybox
        """;

    [Fact]
    public void Pools_list_gives_one_view_per_pool_with_its_sizes_and_placement()
    {
        var spec = Parse(TwoPools);

        var views = spec.PoolViews();

        Assert.Equal(["web-eu", "web-us"], views.Select(v => v.Id));
        Assert.All(views, v => Assert.Equal("web", v.WorkloadId));
        Assert.Equal(new PoolSpec(2, 4, WorkloadDefaults.PoolIdleTimeout), views[0].Pool);
        Assert.Equal(new PoolSpec(1, 3, TimeSpan.FromMinutes(5)), views[1].Pool);
        Assert.Equal("zone=eu", views[0].Placement.ToString());
        Assert.Equal("disk=ssd", views[1].Placement.ToString());
    }

    [Fact]
    public void Single_pool_block_is_one_pool_named_after_the_workload()
    {
        var spec = Parse("x-boilerhouse: {id: web, pool: {min_size: 0, max_size: 2}}\nimage: busybox\n");

        var view = Assert.Single(spec.PoolViews());

        Assert.Same(spec, view);
        Assert.Equal(("web", "web"), (view.Id, view.WorkloadId));
    }

    [Theory]
    [InlineData("pools: []", "x-boilerhouse.pools", "non-empty list")]
    [InlineData("pools: [{min_size: 1}]", "x-boilerhouse.pools[0].id", "required")]
    [InlineData("pools: [{id: a}, {id: a}]", "x-boilerhouse.pools[1].id", "declared twice")]
    [InlineData("pools: [{id: Bad_Id}]", "x-boilerhouse.pools[0].id", "not a valid pool id")]
    [InlineData("pools: [{id: a, min_size: 3, max_size: 2}]", "x-boilerhouse.pools[0].max_size", "less than min_size")]
    [InlineData("pools: [{id: a, size: 3}]", "x-boilerhouse.pools[0].size", "unknown field")]
    [InlineData("pool: {min_size: 1}\n  pools: [{id: a}]", "x-boilerhouse.pools", "not both")]
    public void Invalid_pools_are_errors_naming_the_field(string block, string field, string message)
    {
        var result = WorkloadParser.Parse($"x-boilerhouse:\n  id: web\n  {block}\nimage: busybox\n", "w.yaml");

        var error = Assert.Single(result.Errors, e => e.Field == field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void Host_port_collides_when_any_pool_may_run_two_containers()
    {
        var result = WorkloadParser.Parse("x-boilerhouse:\n  id: web\n  pools: [{id: a, max_size: 1}, {id: b, max_size: 2}]\nimage: busybox\nports: ['8080:80']\n", "w.yaml");

        Assert.Contains(result.Errors, e => e.Field == "ports[0]" && e.Message.Contains("collide", StringComparison.Ordinal));
    }

    [Fact]
    public void Catalog_holds_every_pool_and_ignores_a_file_whose_pool_id_is_taken()
    {
        var catalog = WorkloadCatalog.FromYaml([
            ("a.yaml", TwoPools),
            ("b.yaml", "x-boilerhouse: {id: web-us}\nimage: other\n"),
            ("c.yaml", "x-boilerhouse: {id: api}\nimage: other\n"),
        ]);

        Assert.Equal(["web-eu", "web-us", "api"], catalog.Workloads.Select(w => w.Id));
        Assert.True(catalog.TryGet("web-us", out var us) && us.Image == "busybox");
        var error = Assert.Single(catalog.Errors);
        Assert.Equal("b.yaml", error.File);
        Assert.Contains("pool id 'web-us' is already a pool of workload 'web'", error.Message, StringComparison.Ordinal);
    }

    private static WorkloadSpec Parse(string yaml)
    {
        var result = WorkloadParser.Parse(yaml, "w.yaml");
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Spec;
    }
}
