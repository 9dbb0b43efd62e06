using System.Text.Json;
using System.Text.Json.Serialization;

namespace Boilerhouse.Orchestration;

/// <summary>The JSON shape used for stored inputs, outputs and endpoints: camelCase, enums as strings.</summary>
public static class JsonDefaults
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
