using System.Text.Json.Nodes;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Api;

/// <summary>The OpenAPI document describes every request body and every answer the API gives, with its status codes.</summary>
[Collection(DockerCollection.Name)]
public sealed class OpenApiContractTests(BoilerhouseFixture fixture)
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    [Fact]
    public async Task Claim_declares_its_body_schema_and_its_200_202_400_404_409_503_answers()
    {
        var document = await fixture.App.Client.GetJsonAsync("/api/v1/openapi.json");

        var claim = document["paths"]!["/api/v1/tenants/{tenantId}/claim"]!["post"]!;
        var body = Resolve(document, claim["requestBody"]!["content"]!["application/json"]!["schema"]!);
        var fields = body["properties"]!.AsObject().Select(p => p.Key).Order().ToList();
        Assert.Equal(["config", "poolId", "secrets"], fields);
        Assert.Contains("poolId", body["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        var responses = claim["responses"]!.AsObject();
        foreach (var status in new[] { "200", "202", "400", "404", "409", "413", "503" })
        {
            Assert.True(responses.ContainsKey(status), $"claim does not declare {status}: {responses.ToJsonString()}");
        }

        var ok = Resolve(document, responses["200"]!["content"]!["application/json"]!["schema"]!);
        Assert.Contains("containerId", ok["properties"]!.AsObject().Select(p => p.Key));
        var accepted = Resolve(document, responses["202"]!["content"]!["application/json"]!["schema"]!);
        Assert.Contains("statusQueryGetUri", accepted["properties"]!.AsObject().Select(p => p.Key));
        foreach (var status in new[] { "400", "404", "409", "503" })
        {
            Assert.NotNull(responses[status]!["content"]?["application/problem+json"]);
        }

        var parameters = claim["parameters"]!.AsArray().Select(p => $"{p!.Str("in")}:{p!.Str("name")}").ToList();
        Assert.Contains("path:tenantId", parameters);
        Assert.Contains("query:waitMs", parameters);
        Assert.Contains("query:instanceId", parameters);
        Assert.Contains("header:Idempotency-Key", parameters);
    }

    [Fact]
    public async Task Every_operation_declares_a_success_answer_and_its_problem_answers()
    {
        var document = await fixture.App.Client.GetJsonAsync("/api/v1/openapi.json");

        var operations = document["paths"]!.AsObject()
            .SelectMany(path => Methods.Where(m => path.Value![m] is not null).Select(m => (Name: $"{m.ToUpperInvariant()} {path.Key}", Operation: path.Value![m]!)))
            .ToList();
        Assert.True(operations.Count >= 20, $"only {operations.Count} operations documented");
        foreach (var (name, operation) in operations)
        {
            var responses = operation["responses"]!.AsObject();
            // A WebSocket endpoint's success is its upgrade (101).
            Assert.True(responses.Any(r => r.Key.StartsWith('2') || r.Key == "101"), $"{name} declares no success answer: {responses.ToJsonString()}");
            var problems = responses.Where(r => r.Key[0] is '4' or '5' && r.Value!["content"]?["application/problem+json"] is not null).Select(r => r.Key).ToList();
            Assert.True(problems.Contains("500"), $"{name} does not declare its 500 problem: {responses.ToJsonString()}");
            if (name.Contains('{'))
            {
                // Every route with an id can refuse a malformed one.
                Assert.True(problems.Contains("400"), $"{name} does not declare its 400 problem: {responses.ToJsonString()}");
            }
        }
    }

    [Fact]
    public async Task Sync_and_orchestration_list_declare_their_body_and_query()
    {
        var document = await fixture.App.Client.GetJsonAsync("/api/v1/openapi.json");

        var sync = document["paths"]!["/api/v1/tenants/{tenantId}/sync"]!["post"]!;
        var body = Resolve(document, sync["requestBody"]!["content"]!["application/json"]!["schema"]!);
        Assert.Equal(["direction"], body["properties"]!.AsObject().Select(p => p.Key).ToList());
        var list = document["paths"]!["/api/v1/orchestrations"]!["get"]!;
        var query = list["parameters"]!.AsArray().Where(p => p!.Str("in") == "query").Select(p => p!.Str("name")).Order().ToList();
        Assert.Equal(["continuationToken", "createdFrom", "createdTo", "name", "runtimeStatus", "tenantId", "top"], query);
    }

    /// <summary>Follows a "$ref" to its component schema.</summary>
    private static JsonNode Resolve(JsonNode document, JsonNode schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? document["components"]!["schemas"]![reference.Split('/')[^1]]!
            : schema;
}
