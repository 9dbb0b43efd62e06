using System.Text.Json.Nodes;
using Boilerhouse.Core.Workloads.Files;
using Boilerhouse.Core.Workloads.Parsing;

namespace Boilerhouse.Core.Tests.Workloads.Files;

public sealed class WorkloadDocumentTests
{
    [Fact]
    public void Json_rendered_to_yaml_parses_to_the_same_spec()
    {
        var json = JsonNode.Parse("""
            {"x-boilerhouse": {"id": "j", "pool": {"min_size": 1, "max_size": 3, "idle_timeout": "10m"}},
             "image": "busybox:1", "command": ["sh", "-c", "sleep 1"], "ports": ["8080"],
             "environment": {"FLAG": "true", "COUNT": "5"}, "read_only": true}
            """)!;

        var yaml = WorkloadDocument.ToYaml(json);
        var result = WorkloadParser.Parse(yaml, "j.yaml");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var spec = result.Spec;
        Assert.Equal(("j", "busybox:1", 3), (spec.Id, spec.Image, spec.Pool.MaxSize));
        Assert.Equal(["sh", "-c", "sleep 1"], spec.Command);
        // Strings stay strings: "true" and "5" are not turned into a boolean and a number.
        Assert.Equal("true", spec.Environment["FLAG"]);
        Assert.Equal("5", spec.Environment["COUNT"]);
        Assert.DoesNotContain("...", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_as_json_types_plain_scalars_and_keeps_quoted_strings()
    {
        var json = WorkloadDocument.ToJson("x-boilerhouse: {id: a}\nimage: b\nread_only: true\nlabels: {n: \"1\"}\n", "a.yaml")!;

        Assert.True(json["read_only"]!.GetValue<bool>());
        Assert.Equal("1", json["labels"]!["n"]!.GetValue<string>());
        Assert.Equal("a", json["x-boilerhouse"]!["id"]!.GetValue<string>());
    }
}
