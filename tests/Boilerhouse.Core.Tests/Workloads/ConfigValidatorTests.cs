using System.Text.Json.Nodes;
using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Core.Tests.Workloads;

public class ConfigValidatorTests
{
    private static readonly JsonObject Schema = JsonNode.Parse("""
        {
          "type": "object",
          "properties": {
            "greeting": { "type": "string" },
            "replicas": { "type": "integer", "minimum": 1 }
          },
          "required": ["greeting"],
          "additionalProperties": false
        }
        """)!.AsObject();

    [Fact]
    public void Validate_accepts_matching_config()
    {
        Assert.Empty(ConfigValidator.Validate(Schema, JsonNode.Parse("""{"greeting":"hi","replicas":3}""")));
    }

    [Fact]
    public void Validate_reports_each_problem_with_its_json_pointer()
    {
        var errors = ConfigValidator.Validate(Schema, JsonNode.Parse("""{"replicas":0,"extra":true}"""));

        Assert.Equal(
            ["(root): Required properties [\"greeting\"] are not present", "/extra: property 'extra' is not allowed", "/replicas: 0 should be at least 1"],
            errors.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_reports_wrong_type()
    {
        var errors = ConfigValidator.Validate(Schema, JsonNode.Parse("""{"greeting":5}"""));

        Assert.Equal(["/greeting: Value is \"integer\" but should be \"string\""], errors);
    }

    [Fact]
    public void Validate_missing_config_is_checked_as_an_empty_object()
    {
        Assert.Equal(["(root): Required properties [\"greeting\"] are not present"], ConfigValidator.Validate(Schema, null));
    }

    [Fact]
    public void Validate_without_schema_accepts_any_object()
    {
        Assert.Empty(ConfigValidator.Validate(null, JsonNode.Parse("""{"anything":[1,2,{"x":null}]}""")));
        Assert.Empty(ConfigValidator.Validate(null, null));
    }

    [Theory]
    [InlineData("[1,2]", "array")]
    [InlineData("\"text\"", "string")]
    [InlineData("42", "number")]
    public void Validate_rejects_config_that_is_not_an_object(string json, string kind)
    {
        Assert.Equal([$"(root): config must be a JSON object, found {kind}"], ConfigValidator.Validate(null, JsonNode.Parse(json)));
        Assert.Equal([$"(root): config must be a JSON object, found {kind}"], ConfigValidator.Validate(Schema, JsonNode.Parse(json)));
    }

    [Fact]
    public void Validate_with_invalid_schema_reports_it()
    {
        var bad = JsonNode.Parse("""{"type":"object","properties":5}""")!.AsObject();

        var error = Assert.Single(ConfigValidator.Validate(bad, new JsonObject()));
        Assert.StartsWith("(root): the workload's config_schema is not a valid JSON Schema:", error);
    }

    [Fact]
    public void Validate_schemas_with_the_same_id_do_not_collide()
    {
        var first = JsonNode.Parse("""{"$id":"https://example.com/config","type":"object","required":["a"]}""")!.AsObject();
        var second = JsonNode.Parse("""{"$id":"https://example.com/config","type":"object","required":["b"]}""")!.AsObject();

        Assert.Empty(ConfigValidator.Validate(first, JsonNode.Parse("""{"a":1}""")));
        Assert.Empty(ConfigValidator.Validate(second, JsonNode.Parse("""{"b":1}""")));
        Assert.Single(ConfigValidator.Validate(second, JsonNode.Parse("""{"a":1}""")));
    }

    [Fact]
    public void Validate_checks_formats()
    {
        var schema = JsonNode.Parse("""{"type":"object","properties":{"mail":{"type":"string","format":"email"}}}""")!.AsObject();

        Assert.Empty(ConfigValidator.Validate(schema, JsonNode.Parse("""{"mail":"a@example.com"}""")));
        Assert.Single(ConfigValidator.Validate(schema, JsonNode.Parse("""{"mail":"not an address"}""")));
    }
}
