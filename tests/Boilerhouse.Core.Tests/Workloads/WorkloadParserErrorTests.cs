using Boilerhouse.Core.Workloads;
using static Boilerhouse.Core.Tests.Workloads.WorkloadYaml;
using Boilerhouse.Core.Workloads.Parsing;

namespace Boilerhouse.Core.Tests.Workloads;

public class WorkloadParserErrorTests
{
    [Fact]
    public void Parse_unknown_field_reports_line_and_suggestion()
    {
        var error = SingleError("""
            x-boilerhouse:
              id: app
            image: a
            imgae: b
            """);

        Assert.Equal(new WorkloadError(FileName, 4, "imgae", "unknown field 'imgae' (did you mean 'image'?)"), error);
    }

    [Fact]
    public void Parse_unknown_nested_field_names_its_path()
    {
        var error = SingleError(With("""
            deploy:
              resources:
                limits:
                  memroy: 1g
            """));

        Assert.Equal((7, "deploy.resources.limits.memroy"), (error.Line, error.Field));
        Assert.Equal("unknown field 'memroy' (did you mean 'memory'?)", error.Message);
    }

    [Fact]
    public void Parse_unknown_field_far_from_any_known_name_has_no_suggestion()
    {
        var error = SingleError(With("restart: always"));

        Assert.Equal("unknown field 'restart'", error.Message);
    }

    [Fact]
    public void Parse_deploy_replicas_points_at_pool_settings()
    {
        var error = SingleError(With("deploy:\n  replicas: 3"));

        Assert.Equal("deploy.replicas", error.Field);
        Assert.Contains("x-boilerhouse.pool", error.Message);
    }

    [Fact]
    public void Parse_reports_all_errors_not_just_the_first()
    {
        var errors = Invalid("""
            x-boilerhouse:
              id: Bad_Id
            imag: a
            read_only: yes
            """);

        Assert.Equal(
            [("imag", 3), ("image", 1), ("read_only", 4), ("x-boilerhouse.id", 2)],
            errors.Select(e => (e.Field, e.Line ?? 0)).OrderBy(e => e.Field, StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void Parse_wrong_type_says_expected_and_found()
    {
        var error = SingleError(With("cap_drop: ALL"));

        Assert.Equal(new WorkloadError(FileName, 4, "cap_drop", "expected a list of strings, found 'ALL'"), error);
    }

    [Fact]
    public void Parse_mapping_where_string_expected_is_a_type_error()
    {
        var error = SingleError(With("user:\n  name: x"));

        Assert.Equal((5, "user", "expected a string, found a mapping"), (error.Line, error.Field, error.Message));
    }

    [Fact]
    public void Parse_bad_boolean_names_the_field()
    {
        var error = SingleError(With("volumes:\n  - target: /state\n    read_only: \"true\""));

        Assert.Equal((6, "volumes[0].read_only", "expected true or false, found 'true'"), (error.Line, error.Field, error.Message));
    }

    [Fact]
    public void Parse_bad_duration_reports_field_and_line()
    {
        var error = SingleError(With("""
            healthcheck:
              test: ["CMD", "true"]
              interval: 10 seconds
            """));

        Assert.Equal(new WorkloadError(FileName, 6, "healthcheck.interval", "expected a duration like '30s', '1m30s' or '500ms', found '10 seconds'"), error);
    }

    [Fact]
    public void Parse_duration_without_unit_explains_the_unit()
    {
        var error = SingleError(With("healthcheck:\n  interval: 30"));

        Assert.EndsWith("found '30' (a duration needs a unit)", error.Message);
    }

    [Fact]
    public void Parse_bad_memory_reports_field_path()
    {
        var error = SingleError(With("""
            deploy:
              resources:
                limits:
                  memory: 12 parsecs
            """));

        Assert.Equal(new WorkloadError(FileName, 7, "deploy.resources.limits.memory",
            "expected a byte size like '512m', '1g', '1024k' or a number of bytes, found '12 parsecs'"), error);
    }

    [Fact]
    public void Parse_memory_limit_below_docker_minimum_is_an_error()
    {
        var error = SingleError(With("deploy: {resources: {limits: {memory: 1m}}}"));

        Assert.Equal(("deploy.resources.limits.memory", "must be at least 6M (Docker's minimum), found '1m'"), (error.Field, error.Message));
    }

    [Theory]
    [InlineData("cpus: 0", "deploy.resources.limits.cpus")]
    [InlineData("cpus: -1", "deploy.resources.limits.cpus")]
    [InlineData("cpus: lots", "deploy.resources.limits.cpus")]
    [InlineData("pids: 0", "deploy.resources.limits.pids")]
    public void Parse_bad_limits_are_errors(string limit, string field)
    {
        Assert.Equal(field, SingleError(With($"deploy: {{resources: {{limits: {{{limit}}}}}}}")).Field);
    }

    [Fact]
    public void Parse_reservation_above_limit_is_an_error()
    {
        var error = SingleError(With("deploy: {resources: {limits: {memory: 64m}, reservations: {memory: 128m}}}"));

        Assert.Equal(("deploy.resources.reservations.memory", "reservation 128M is more than the limit 64M"), (error.Field, error.Message));
    }

    [Theory]
    [InlineData("Web")]
    [InlineData("-web")]
    [InlineData("a/b")]
    public void Parse_bad_id_is_reported_with_the_rule(string id)
    {
        var error = SingleError($"x-boilerhouse:\n  id: \"{id}\"\nimage: a");

        Assert.Equal((2, "x-boilerhouse.id"), (error.Line, error.Field));
        Assert.StartsWith($"'{id}' is not a valid id: 1-63 characters", error.Message);
    }

    [Fact]
    public void Parse_missing_boilerhouse_block_is_an_error()
    {
        var error = SingleError("image: a");

        Assert.Equal(new WorkloadError(FileName, 1, "x-boilerhouse", "required field 'x-boilerhouse' is missing"), error);
    }

    [Fact]
    public void Parse_missing_id_and_image_are_both_reported()
    {
        var errors = Invalid("x-boilerhouse:\n  name: n\nuser: \"1000\"");

        Assert.Equal(["image", "x-boilerhouse.id"], errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void Parse_max_size_below_min_size_is_an_error()
    {
        var error = SingleError("""
            x-boilerhouse:
              id: app
              pool:
                min_size: 4
                max_size: 2
            image: a
            """);

        Assert.Equal(new WorkloadError(FileName, 5, "x-boilerhouse.pool.max_size", "max_size 2 is less than min_size 4"), error);
    }

    [Theory]
    [InlineData("min_size: -1", "x-boilerhouse.pool.min_size", "must be at least 0, found -1")]
    [InlineData("max_size: 0", "x-boilerhouse.pool.max_size", "must be at least 1, found 0")]
    [InlineData("idle_timeout: 0s", "x-boilerhouse.pool.idle_timeout", "must be longer than 0s")]
    public void Parse_bad_pool_sizes_are_errors(string line, string field, string message)
    {
        var error = SingleError($"x-boilerhouse:\n  id: app\n  pool:\n    {line}\nimage: a");

        Assert.Equal((4, field, message), (error.Line, error.Field, error.Message));
    }

    [Fact]
    public void Parse_host_port_with_pool_max_size_above_one_is_an_error()
    {
        var error = SingleError("""
            x-boilerhouse:
              id: app
              pool: {max_size: 3}
            image: a
            ports:
              - "8080"
              - "9000:8080/udp"
            """);

        Assert.Equal((7, "ports[1]"), (error.Line, error.Field));
        Assert.StartsWith("host port 9000 would collide between the pool's containers (x-boilerhouse.pool.max_size is 3)", error.Message);
    }

    [Fact]
    public void Parse_host_port_with_default_pool_size_is_an_error()
    {
        var error = SingleError(With("ports:\n  - target: 80\n    published: 8080"));

        Assert.Equal("ports[0]", error.Field);
        Assert.Contains("max_size is 5", error.Message);
    }

    [Theory]
    [InlineData("\"8000-8010:80\"", "port ranges are not supported")]
    [InlineData("\"80/sctp\"", "protocol must be tcp or udp, found 'sctp'")]
    [InlineData("\"70000\"", "container port must be a number from 1 to 65535, found '70000'")]
    [InlineData("\"localhost::80\"", "host IP must be an IP address like 127.0.0.1 or 0.0.0.0, found 'localhost'")]
    public void Parse_bad_port_is_reported(string port, string message)
    {
        var error = SingleError(With($"ports: [{port}]"));

        Assert.Equal("ports[0]", error.Field);
        Assert.EndsWith(message, error.Message);
    }

    [Fact]
    public void Parse_ports_with_network_mode_none_is_an_error()
    {
        var error = SingleError(With("network_mode: none\nports: [\"80\"]"));

        Assert.Equal(("ports[0]", "ports cannot be published with network_mode: none"), (error.Field, error.Message));
    }

    [Fact]
    public void Parse_invalid_config_schema_is_reported()
    {
        var error = SingleError("""
            x-boilerhouse:
              id: app
              config_schema:
                type: object
                properties:
                  replicas: {type: integer, minimum: many}
            image: a
            """);

        // A block mapping starts at its first key.
        Assert.Equal((4, "x-boilerhouse.config_schema"), (error.Line, error.Field));
        Assert.Equal("not a valid JSON Schema: 'minimum' value must be a number, found String", error.Message);
    }

    [Fact]
    public void Parse_config_schema_with_unknown_keyword_is_reported()
    {
        var error = SingleError("x-boilerhouse:\n  id: app\n  config_schema: {type: object, propertes: {}}\nimage: a");

        Assert.Contains("Unknown keywords (propertes)", error.Message);
    }

    [Fact]
    public void Parse_config_schema_must_be_for_an_object()
    {
        var error = SingleError("x-boilerhouse:\n  id: app\n  config_schema:\n    type: string\nimage: a");

        Assert.Equal((4, "x-boilerhouse.config_schema.type", "must declare type: object (tenant config is a JSON object), found type \"string\""),
            (error.Line, error.Field, error.Message));
    }

    [Fact]
    public void Parse_short_syntax_volume_explains_long_syntax()
    {
        var error = SingleError(With("volumes:\n  - data:/state"));

        Assert.Equal((5, "volumes[0]"), (error.Line, error.Field));
        Assert.StartsWith("short volume syntax 'data:/state' is not supported; use the long syntax", error.Message);
    }

    [Fact]
    public void Parse_duplicate_volume_role_is_an_error()
    {
        var error = SingleError(With("""
            volumes:
              - target: /state
                x-boilerhouse-role: state
              - target: /state2
                x-boilerhouse-role: state
            """));

        Assert.Equal(new WorkloadError(FileName, 8, "volumes[1].x-boilerhouse-role", "role 'state' is already given to volumes[0]; each role may be used once"), error);
    }

    [Fact]
    public void Parse_duplicate_volume_target_is_an_error()
    {
        var error = SingleError(With("volumes:\n  - target: /data\n  - target: /data/"));

        Assert.Equal(new WorkloadError(FileName, 6, "volumes[1].target", "target '/data' is already mounted by volumes[0]"), error);
    }

    [Theory]
    [InlineData("target: data", "volumes[0].target")]
    [InlineData("target: /a/../etc", "volumes[0].target")]
    [InlineData("read_only: true", "volumes[0].target")]
    [InlineData("{target: /a, x-boilerhouse-role: cache}", "volumes[0].x-boilerhouse-role")]
    [InlineData("{target: /a, type: bind}", "volumes[0].type")]
    public void Parse_bad_volume_is_reported(string volume, string field)
    {
        Assert.Equal(field, SingleError(With($"volumes:\n  - {volume}")).Field);
    }

    [Fact]
    public void Parse_reserved_label_is_an_error()
    {
        var error = SingleError(With("labels:\n  team: a\n  boilerhouse.pool: x"));

        Assert.Equal(new WorkloadError(FileName, 6, "labels.boilerhouse.pool", "labels starting with 'boilerhouse.' are reserved for Boilerhouse, found 'boilerhouse.pool'"), error);
    }

    [Fact]
    public void Parse_environment_variable_without_value_is_an_error()
    {
        var error = SingleError(With("environment:\n  TOKEN:"));

        Assert.Equal((5, "environment.TOKEN"), (error.Line, error.Field));
        Assert.StartsWith("'TOKEN' has no value", error.Message);
    }

    [Fact]
    public void Parse_nested_environment_value_is_a_type_error()
    {
        var error = SingleError(With("environment:\n  A: [1, 2]"));

        Assert.Equal(("environment.A", "expected a string, number or boolean, found a list"), (error.Field, error.Message));
    }

    [Theory]
    [InlineData("test: [\"CMD\"]", "[\"CMD\", ...] needs a command after CMD")]
    [InlineData("test: [\"CMD-SHELL\", \"a\", \"b\"]", "[\"CMD-SHELL\", \"...\"] takes exactly one shell command string")]
    [InlineData("test: [\"curl\", \"x\"]", "expected [\"CMD\", ...], [\"CMD-SHELL\", \"...\"] or [\"NONE\"], found a list starting with 'curl'")]
    [InlineData("retries: -1", "must be at least 0, found -1")]
    public void Parse_bad_healthcheck_is_reported(string line, string message)
    {
        Assert.Equal(message, SingleError(With("healthcheck:\n  " + line)).Message);
    }

    [Fact]
    public void Parse_unterminated_quote_in_command_is_an_error()
    {
        var error = SingleError(With("command: echo 'oops"));

        Assert.Equal(("command", "'echo 'oops' has an unterminated ' quote"), (error.Field, error.Message));
    }

    [Fact]
    public void Parse_invalid_yaml_reports_the_line()
    {
        var error = SingleError("x-boilerhouse:\n  id: app\nimage: a: b");

        Assert.Equal((3, ""), (error.Line, error.Field));
        Assert.StartsWith("invalid YAML:", error.Message);
    }

    [Fact]
    public void Parse_duplicate_key_is_an_error()
    {
        var error = SingleError("x-boilerhouse:\n  id: app\nimage: a\nimage: b");

        Assert.Equal((4, "invalid YAML: Duplicate key image"), (error.Line, error.Message));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing here\n")]
    public void Parse_empty_file_is_an_error(string yaml)
    {
        Assert.StartsWith("the file is empty", SingleError(yaml).Message);
    }

    [Fact]
    public void Parse_root_that_is_not_a_mapping_is_an_error()
    {
        Assert.Equal("expected a mapping, found a list", SingleError("- image: a").Message);
    }

    [Fact]
    public void Parse_compose_services_file_gets_a_hint()
    {
        var errors = Invalid("services:\n  web:\n    image: a");

        Assert.Contains(errors, e => e.Field == "services" && e.Message.Contains("describes one service", StringComparison.Ordinal));
    }

    [Fact]
    public void Error_to_string_is_compiler_style()
    {
        Assert.Equal("a.yaml:3: image: bad", new WorkloadError("a.yaml", 3, "image", "bad").ToString());
        Assert.Equal("dir: missing", new WorkloadError("dir", null, "", "missing").ToString());
    }
}
