using Boilerhouse.Core.Workloads;
using static Boilerhouse.Core.Tests.Workloads.WorkloadYaml;

namespace Boilerhouse.Core.Tests.Workloads;

public class SyncLimitsParserTests
{
    private static string Workload(string mapping) => $$"""
        x-boilerhouse:
          id: app
          sync:
            sink: { type: local, path: /srv/sink, prefix: "t/${tenantId}/" }
            mappings:
              - {{mapping}}
        image: example/app:1
        volumes:
          - { target: /data, x-boilerhouse-role: state }
        """;

    [Fact]
    public void Parse_mapping_without_limits_uses_the_documented_defaults()
    {
        var mapping = Valid(Workload("{ container_path: /data }")).Sync!.Mappings[0];

        Assert.Null(mapping.Limits);
        Assert.Equal(new SyncLimits(1L << 30, 50_000, 10L << 30), mapping.Budget);
    }

    [Fact]
    public void Parse_mapping_limits_as_compose_byte_sizes_and_a_count()
    {
        var mapping = Valid(Workload("{ container_path: /data, max_file_size: 100m, max_files: 10, max_total_size: 2g }")).Sync!.Mappings[0];

        Assert.Equal(new SyncLimits(100L << 20, 10, 2L << 30), mapping.Budget);
    }

    [Fact]
    public void Parse_mapping_with_some_limits_keeps_the_defaults_for_the_rest()
    {
        var mapping = Valid(Workload("{ container_path: /data, max_files: 7 }")).Sync!.Mappings[0];

        Assert.Equal(SyncLimits.Default with { MaxFiles = 7 }, mapping.Budget);
    }

    [Theory]
    [InlineData("max_file_size: lots", "max_file_size", "byte size")]
    [InlineData("max_total_size: 0", "max_total_size", "greater than 0")]
    [InlineData("max_files: 0", "max_files", "")]
    public void Parse_invalid_limit_names_the_field(string limit, string field, string message)
    {
        var error = SingleError(Workload($"{{ container_path: /data, {limit} }}"));

        Assert.Equal($"x-boilerhouse.sync.mappings[0].{field}", error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
