using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Boilerhouse.Core.Workloads;

/// <summary>Checks a tenant's claim config against the workload's <c>x-boilerhouse.config_schema</c>.</summary>
public static class ConfigValidator
{
    // Built schemas keyed by the spec's JsonObject, so a claim does not rebuild the schema each time.
    private static readonly ConditionalWeakTable<JsonObject, JsonSchema> Built = new();

    private static readonly EvaluationOptions Options = new()
    {
        OutputFormat = OutputFormat.List,
        RequireFormatValidation = true,
    };

    /// <summary>
    /// Validates <paramref name="config"/> and returns one message per problem, each starting with
    /// the JSON pointer of the offending value (<c>/replicas: 0 should be at least 1</c>, or
    /// <c>(root): ...</c>). Empty means valid. A missing config is validated as <c>{}</c>; with no
    /// schema any JSON object is accepted. The config must be an object either way.
    /// </summary>
    public static IReadOnlyList<string> Validate(JsonObject? schema, JsonNode? config)
    {
        if (config is not null and not JsonObject)
        {
            return [$"(root): config must be a JSON object, found {config.GetValueKind().ToString().ToLowerInvariant()}"];
        }

        if (schema is null)
        {
            return [];
        }

        if (!TryBuild(schema, out var built, out var error))
        {
            return [$"(root): the workload's config_schema is not a valid JSON Schema: {error}"];
        }

        using var instance = JsonDocument.Parse(config?.ToJsonString() ?? "{}");
        var results = built.Evaluate(instance.RootElement, Options);
        if (results.IsValid)
        {
            return [];
        }

        var messages = new List<string>();
        Collect(results, messages);
        return messages.Count > 0 ? messages.Distinct().ToList() : ["(root): config does not match the workload's config_schema"];
    }

    /// <summary>Builds the schema, or says why it is not a valid JSON Schema (bad keyword value, unknown keyword, unresolvable $ref).</summary>
    internal static bool TryBuild(JsonObject schema, [NotNullWhen(true)] out JsonSchema? built, [NotNullWhen(false)] out string? error)
    {
        if (Built.TryGetValue(schema, out built))
        {
            error = null;
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(schema.ToJsonString());
            // A private registry: schemas with the same $id in two workloads must not collide globally.
            built = JsonSchema.Build(document.RootElement.Clone(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
            Built.AddOrUpdate(schema, built);
            error = null;
            return true;
        }
        catch (Exception e) when (e is JsonSchemaException or RefResolutionException or JsonException or ArgumentException or InvalidOperationException)
        {
            built = null;
            error = e.Message;
            return false;
        }
    }

    private static void Collect(EvaluationResults results, List<string> messages)
    {
        if (results.Errors is { Count: > 0 } errors)
        {
            var location = results.InstanceLocation.ToString();
            var where = location.Length == 0 ? "(root)" : location;
            var schemaPath = results.EvaluationPath.ToString();
            foreach (var (_, message) in errors)
            {
                // The false schema behind additionalProperties says "All values fail": name the property instead.
                var text = schemaPath.EndsWith("/additionalProperties", StringComparison.Ordinal)
                    || schemaPath.EndsWith("/unevaluatedProperties", StringComparison.Ordinal)
                    ? $"property '{LastSegment(location)}' is not allowed"
                    : message;
                messages.Add($"{where}: {text}");
            }
        }

        foreach (var detail in results.Details ?? [])
        {
            Collect(detail, messages);
        }
    }

    private static string LastSegment(string pointer) =>
        pointer[(pointer.LastIndexOf('/') + 1)..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
}
