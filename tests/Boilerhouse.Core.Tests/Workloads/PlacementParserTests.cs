using Boilerhouse.Core.Workloads;
using static Boilerhouse.Core.Tests.Workloads.WorkloadYaml;

namespace Boilerhouse.Core.Tests.Workloads;

public class PlacementParserTests
{
    [Fact]
    public void Parse_without_placement_allows_any_host()
    {
        var spec = Valid(Minimal);

        Assert.Empty(spec.Placement.Labels);
        Assert.True(spec.Placement.Allows(new Dictionary<string, string> { ["zone"] = "a" }));
    }

    [Fact]
    public void Parse_placement_labels_as_a_mapping()
    {
        var spec = Valid("""
            x-boilerhouse:
              id: app
              placement:
                labels: { gpu: true, zone: b }
            image: example/app:1
            """);

        Assert.Equal(new Dictionary<string, string> { ["gpu"] = "true", ["zone"] = "b" }, spec.Placement.Labels);
        Assert.Equal("gpu=true, zone=b", spec.Placement.ToString());
    }

    [Fact]
    public void Parse_placement_labels_as_a_list()
    {
        var spec = Valid("""
            x-boilerhouse:
              id: app
              placement:
                labels: ["zone=a"]
            image: example/app:1
            """);

        Assert.Equal(new Dictionary<string, string> { ["zone"] = "a" }, spec.Placement.Labels);
    }

    [Fact]
    public void Parse_placement_label_without_value_is_an_error()
    {
        var error = SingleError("""
            x-boilerhouse:
              id: app
              placement:
                labels: { zone: }
            image: example/app:1
            """);

        Assert.Equal((4, "x-boilerhouse.placement.labels.zone"), (error.Line, error.Field));
    }

    [Fact]
    public void Parse_unknown_placement_field_names_its_path()
    {
        var error = SingleError("""
            x-boilerhouse:
              id: app
              placement:
                lables: { zone: a }
            image: example/app:1
            """);

        Assert.Equal("x-boilerhouse.placement.lables", error.Field);
    }

    [Fact]
    public void Allows_requires_every_label_with_the_same_value()
    {
        var placement = new PlacementSpec(new Dictionary<string, string> { ["gpu"] = "true", ["zone"] = "a" });

        Assert.True(placement.Allows(new Dictionary<string, string> { ["gpu"] = "true", ["zone"] = "a", ["disk"] = "ssd" }));
        Assert.False(placement.Allows(new Dictionary<string, string> { ["gpu"] = "true", ["zone"] = "b" }));
        Assert.False(placement.Allows(new Dictionary<string, string> { ["gpu"] = "true" }));
    }
}
