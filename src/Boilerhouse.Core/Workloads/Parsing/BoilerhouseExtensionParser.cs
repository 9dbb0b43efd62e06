using System.Text.Json.Nodes;
using Boilerhouse.Core.Ids;
using YamlDotNet.RepresentationModel;
using Boilerhouse.Core.Yaml;

namespace Boilerhouse.Core.Workloads.Parsing;

/// <summary>Reads the <c>x-boilerhouse</c> block: the workload's identity, its pool (or pools), config schema, placement, sync, routing and network.</summary>
internal static class BoilerhouseExtensionParser
{
    public const string Key = "x-boilerhouse";

    private static readonly string[] Fields = ["id", "name", "pool", "pools", "config_schema", "placement", "sync", "routing", "network"];

    private static readonly string[] PoolFields = ["min_size", "max_size", "idle_timeout"];

    /// <summary>
    /// What x-boilerhouse contributes to the spec. Pool is null when the pool block (or the pools list) had errors;
    /// with a pools list it is the first pool's sizing, and <see cref="Pools"/> holds them all.
    /// </summary>
    public sealed record Result(
        string? Id, int? IdLine, string? Name, PoolSpec? Pool, JsonObject? ConfigSchema, PlacementSpec? Placement = null,
        SyncSpecParser.Parsed? Sync = null, RoutingParser.Parsed? Routing = null, IReadOnlyList<WorkloadPool>? Pools = null,
        NetworkParser.Block? Network = null)
    {
        /// <summary>The largest max_size of any pool, for checks that depend on how many containers may run.</summary>
        public int? LargestMaxSize => Pools is { Count: > 0 } pools ? pools.Max(p => p.Sizing.MaxSize) : Pool?.MaxSize;
    }

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
        IReadOnlyList<WorkloadPool>? pools = null;
        if (f["pools"] is { } poolsNode)
        {
            pools = PoolsParser.Read(reader, poolsNode, f.PathOf("pools"));
            if (f["pool"] is not null)
            {
                reader.Error(poolsNode, f.PathOf("pools"), "declare either pool (one pool named after the workload) or pools (several), not both");
            }

            pool = pools?[0].Sizing;
        }

        var schema = f["config_schema"] is { } schemaNode ? ReadConfigSchema(reader, schemaNode, f.PathOf("config_schema")) : null;
        var placement = f["placement"] is { } placementNode ? PlacementParser.Read(reader, placementNode, f.PathOf("placement")) : PlacementSpec.Anywhere;
        var sync = f["sync"] is { } syncNode ? SyncSpecParser.Read(reader, syncNode, f.PathOf("sync")) : null;
        var network = f["network"] is { } networkNode ? NetworkParser.Read(reader, networkNode, f.PathOf("network")) : null;
        var routing = f["routing"] is { } routingNode ? RoutingParser.Read(reader, routingNode, f.PathOf("routing")) : null;
        return new Result(id, f["id"] is { } idNode ? YamlFieldReader.Line(idNode) : null, name ?? id, pool, schema, placement, sync, routing, pools, network);
    }

    private static PoolSpec DefaultPool() => new(
        WorkloadDefaults.PoolMinSize,
        Math.Max(WorkloadDefaults.PoolMinSize, WorkloadDefaults.PoolMaxSize),
        WorkloadDefaults.PoolIdleTimeout);

    private static PoolSpec? ReadPool(YamlFieldReader reader, YamlNode node, string path) =>
        reader.Mapping(node, path, PoolFields) is { } f ? ReadSizes(reader, f) : null;

    /// <summary>min_size, max_size and idle_timeout of a pool mapping, defaults applied; null when any is wrong.</summary>
    public static PoolSpec? ReadSizes(YamlFieldReader reader, YamlFields f)
    {
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
