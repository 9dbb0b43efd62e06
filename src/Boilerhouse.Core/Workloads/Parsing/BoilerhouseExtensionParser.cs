using System.Text.Json.Nodes;
using Boilerhouse.Core.Ids;
using YamlDotNet.RepresentationModel;
using Boilerhouse.Core.Yaml;

namespace Boilerhouse.Core.Workloads.Parsing;

/// <summary>Reads the <c>x-boilerhouse</c> block: the workload's identity, pool sizing, config schema, placement, sync and network.</summary>
internal static class BoilerhouseExtensionParser
{
    public const string Key = "x-boilerhouse";

    private static readonly string[] Fields = ["id", "name", "pool", "config_schema", "placement", "sync", "routing", "network"];

    private static readonly string[] PoolFields = ["min_size", "max_size", "idle_timeout"];

    /// <summary>What x-boilerhouse contributes to the spec. Pool is null when the pool block had errors.</summary>
    public sealed record Result(
        string? Id, int? IdLine, string? Name, PoolSpec? Pool, JsonObject? ConfigSchema, PlacementSpec? Placement = null,
        SyncSpecParser.Parsed? Sync = null, RoutingParser.Parsed? Routing = null,
        NetworkParser.Block? Network = null);

    public static Result Read(YamlFieldReader reader, YamlFields root)
    {
        if (root.Required(Key) is not { } node || reader.Mapping(node, Key, Fields) is not { } f)
        {
            return new Result(null, null, null, null, null);
        }

        var id = f.RequiredString("id");
        if (id is not null && !ResourceId.IsValid(id))
        {
            reader.Error(f["id"]!, f.PathOf("id"), $"'{id}' is not a valid id: {ResourceId.Rule}");
            id = null;
        }

        var name = f.String("name");
        if (name is { Length: 0 })
        {
            reader.Error(f["name"]!, f.PathOf("name"), "must not be empty");
        }

        var pool = f["pool"] is { } poolNode ? ReadPool(reader, poolNode, f.PathOf("pool")) : DefaultPool();
        var schema = f["config_schema"] is { } schemaNode ? ReadConfigSchema(reader, schemaNode, f.PathOf("config_schema")) : null;
        var placement = f["placement"] is { } placementNode ? PlacementParser.Read(reader, placementNode, f.PathOf("placement")) : PlacementSpec.Anywhere;
        var sync = f["sync"] is { } syncNode ? SyncSpecParser.Read(reader, syncNode, f.PathOf("sync")) : null;
        var network = f["network"] is { } networkNode ? NetworkParser.Read(reader, networkNode, f.PathOf("network")) : null;
        var routing = f["routing"] is { } routingNode ? RoutingParser.Read(reader, routingNode, f.PathOf("routing")) : null;
        return new Result(id, f["id"] is { } idNode ? YamlFieldReader.Line(idNode) : null, name ?? id, pool, schema, placement, sync, routing, network);
    }

    private static PoolSpec DefaultPool() => new(
        WorkloadDefaults.PoolMinSize,
        Math.Max(WorkloadDefaults.PoolMinSize, WorkloadDefaults.PoolMaxSize),
        WorkloadDefaults.PoolIdleTimeout);

    private static PoolSpec? ReadPool(YamlFieldReader reader, YamlNode node, string path)
    {
        if (reader.Mapping(node, path, PoolFields) is not { } f)
        {
            return null;
        }

        var before = reader.ErrorCount;
        var min = f.Integer("min_size", min: 0) ?? WorkloadDefaults.PoolMinSize;
        var max = f.Integer("max_size", min: 1) ?? Math.Max(min, WorkloadDefaults.PoolMaxSize);
        var idle = f.Duration("idle_timeout") ?? WorkloadDefaults.PoolIdleTimeout;
        if (max < min)
        {
            reader.Error(f["max_size"]!, f.PathOf("max_size"), $"max_size {max} is less than min_size {min}");
        }

        if (idle <= TimeSpan.Zero)
        {
            reader.Error(f["idle_timeout"]!, f.PathOf("idle_timeout"), "must be longer than 0s");
        }

        return reader.ErrorCount == before ? new PoolSpec(min, max, idle) : null;
    }

    private static JsonObject? ReadConfigSchema(YamlFieldReader reader, YamlNode node, string path)
    {
        if (node is not YamlMappingNode mapping)
        {
            reader.Error(node, path, $"expected a JSON Schema written as a YAML mapping, found {YamlFieldReader.Describe(node)}");
            return null;
        }

        var before = reader.ErrorCount;
        if (YamlJson.ToJson(reader, node, path) is not JsonObject schema || reader.ErrorCount > before)
        {
            return null;
        }

        if (!ConfigValidator.TryBuild(schema, out _, out var error))
        {
            reader.Error(node, path, $"not a valid JSON Schema: {error}");
            return null;
        }

        // A tenant's config is always a JSON object, so a schema for anything else could never pass.
        if (schema["type"] is not JsonValue type || type.GetValueKind() != System.Text.Json.JsonValueKind.String || type.GetValue<string>() != "object")
        {
            var typeNode = mapping.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: "type" }).Value ?? node;
            reader.Error(typeNode, YamlFieldReader.Child(path, "type"), $"must declare type: object (tenant config is a JSON object), found type {schema["type"]?.ToJsonString() ?? "missing"}");
            return null;
        }

        return schema;
    }
}
