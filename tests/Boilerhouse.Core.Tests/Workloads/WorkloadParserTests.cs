using Boilerhouse.Core.Workloads;
using static Boilerhouse.Core.Tests.Workloads.WorkloadYaml;

namespace Boilerhouse.Core.Tests.Workloads;

public class WorkloadParserTests
{
    [Fact]
    public void Parse_minimal_file_applies_secure_defaults()
    {
        var spec = Valid(Minimal);

        Assert.Equal("app", spec.Id);
        Assert.Equal("app", spec.Name);
        Assert.Equal("example/app:1", spec.Image);
        Assert.Null(spec.Command);
        Assert.Null(spec.HealthCheck);
        Assert.Empty(spec.Volumes);
        Assert.Empty(spec.Ports);
        Assert.Equal("bridge", spec.NetworkMode);
        Assert.True(spec.Security.ReadOnlyRootFilesystem);
        Assert.Equal("65534:65534", spec.Security.User);
        Assert.Null(spec.Security.Runtime);
        Assert.Equal(["ALL"], spec.Security.CapDrop);
        Assert.Empty(spec.Security.CapAdd);
        Assert.Equal(["no-new-privileges:true"], spec.Security.SecurityOpt);
        Assert.Equal(new ResourceSpec(1.0m, 512L * 1024 * 1024, 0m, 0, 256), spec.Resources);
        Assert.Equal(new PoolSpec(1, 5, TimeSpan.FromMinutes(30)), spec.Pool);
        Assert.Equal(FileName, spec.SourceFile);
    }

    [Fact]
    public void Parse_maps_every_compose_field()
    {
        var spec = Valid(policy: Permissive, yaml: """
            x-boilerhouse:
              id: full
              name: Full Workload
              pool: {min_size: 3, max_size: 7, idle_timeout: 1h}
            image: registry.local:5000/full@sha256:abc
            entrypoint: /bin/sh -c
            command: ["echo", "hi there"]
            environment:
              A: one
              B: 2
              C: true
            volumes:
              - type: volume
                source: ignored
                target: /data/
                read_only: true
                x-boilerhouse-role: state
              - target: /comm
                x-boilerhouse-role: comm
              - target: /cache
            healthcheck:
              test: curl -f http://localhost/
              interval: 1m30s
              timeout: 500ms
              start_period: 10s
              retries: 0
            deploy:
              resources:
                limits: {cpus: 2, memory: 1g, pids: 100}
                reservations: {cpus: "0.5", memory: 256MiB}
            read_only: false
            user: "1000:1000"
            cap_drop: [NET_RAW]
            cap_add: [NET_BIND_SERVICE]
            security_opt: ["seccomp=unconfined"]
            network_mode: my-net
            ports:
              - "9000"
              - target: 53
                protocol: udp
                host_ip: 0.0.0.0
            labels:
              team: core
            runtime: runsc
            """);

        Assert.Equal("full", spec.Id);
        Assert.Equal("Full Workload", spec.Name);
        Assert.Equal(new PoolSpec(3, 7, TimeSpan.FromHours(1)), spec.Pool);
        Assert.Equal("registry.local:5000/full@sha256:abc", spec.Image);
        Assert.Equal(["/bin/sh", "-c"], spec.Entrypoint);
        Assert.Equal(["echo", "hi there"], spec.Command);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "one", ["B"] = "2", ["C"] = "true" }, spec.Environment);
        Assert.Equal(
            [new VolumeSpec("/data", true, VolumeRole.State), new VolumeSpec("/comm", false, VolumeRole.Comm), new VolumeSpec("/cache", false, VolumeRole.None)],
            spec.Volumes);
        Assert.Equal(new HealthCheckSpec(spec.HealthCheck!.Test, TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(500), 0, TimeSpan.FromSeconds(10)), spec.HealthCheck);
        Assert.Equal(["CMD-SHELL", "curl -f http://localhost/"], spec.HealthCheck.Test);
        Assert.Equal(new ResourceSpec(2m, 1L << 30, 0.5m, 256L << 20, 100), spec.Resources);
        Assert.False(spec.Security.ReadOnlyRootFilesystem);
        Assert.Equal("1000:1000", spec.Security.User);
        Assert.Equal(["ALL"], spec.Security.CapDrop);
        Assert.Equal(["NET_BIND_SERVICE"], spec.Security.CapAdd);
        Assert.Equal(["seccomp=unconfined", "no-new-privileges:true"], spec.Security.SecurityOpt);
        Assert.Equal("runsc", spec.Security.Runtime);
        Assert.Equal("my-net", spec.NetworkMode);
        Assert.Equal([new PortSpec(9000, "tcp", "127.0.0.1", null), new PortSpec(53, "udp", "0.0.0.0", null)], spec.Ports);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "core" }, spec.Labels);
        Assert.Equal(VolumeRole.State, spec.VolumeFor(VolumeRole.State)?.Role);
    }

    [Fact]
    public void Parse_accepts_list_forms_of_environment_and_labels()
    {
        var spec = Valid(With("""
            environment: ["A=1", "B=x=y", "C="]
            labels: ["team=core", "flag"]
            """));

        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "x=y", ["C"] = "" }, spec.Environment);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "core", ["flag"] = "" }, spec.Labels);
    }

    [Fact]
    public void Parse_does_not_duplicate_no_new_privileges()
    {
        var spec = Valid(With("security_opt: [\"no-new-privileges:true\", \"apparmor=x\"]"), Permissive);

        Assert.Equal(["no-new-privileges:true", "apparmor=x"], spec.Security.SecurityOpt);
    }

    [Fact]
    public void Parse_healthcheck_defaults_follow_docker()
    {
        var spec = Valid(With("healthcheck:\n  test: [\"CMD\", \"true\"]"));

        Assert.Equal(new HealthCheckSpec(spec.HealthCheck!.Test, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), 3, TimeSpan.Zero), spec.HealthCheck);
    }

    [Theory]
    [InlineData("test: [\"NONE\"]")]
    [InlineData("disable: true")]
    public void Parse_healthcheck_can_be_disabled(string line)
    {
        Assert.Equal(["NONE"], Valid(With("healthcheck:\n  " + line)).HealthCheck!.Test);
    }

    [Theory]
    [InlineData("pool: {min_size: 0}", 0, 5)]
    [InlineData("pool: {min_size: 8}", 8, 8)]
    [InlineData("pool: {max_size: 1}", 1, 1)]
    public void Parse_pool_max_size_defaults_to_at_least_min_size(string pool, int min, int max)
    {
        var spec = Valid($"x-boilerhouse:\n  id: app\n  {pool}\nimage: a");

        Assert.Equal((min, max), (spec.Pool.MinSize, spec.Pool.MaxSize));
    }

    [Fact]
    public void Parse_host_port_allowed_when_pool_max_size_is_one()
    {
        var spec = Valid("""
            x-boilerhouse: {id: single, pool: {min_size: 1, max_size: 1}}
            image: a
            ports: ["127.0.0.1:9000:8080/udp", "9001:8081"]
            """);

        Assert.Equal([new PortSpec(8080, "udp", "127.0.0.1", 9000), new PortSpec(8081, "tcp", "127.0.0.1", 9001)], spec.Ports);
    }

    [Fact]
    public void Parse_ignores_extension_keys()
    {
        var spec = Valid("""
            x-boilerhouse:
              id: app
              placement: {labels: {zone: a}}
            x-anchors: &common {a: 1}
            image: a
            volumes:
              - target: /state
                x-note: extension keys on a volume are fine too
            """);

        Assert.Equal("app", spec.Id);
    }

    [Fact]
    public void Parse_converts_config_schema_scalars_to_json_types()
    {
        var spec = Valid("""
            x-boilerhouse:
              id: app
              config_schema:
                type: object
                properties:
                  mode: {type: string, enum: ["true", "1", ~, x]}
                  n: {type: number, minimum: 1.5, maximum: 10, default: null}
                  flag: {type: boolean, default: true}
                required: [mode]
            image: a
            """);

        var schema = spec.ConfigSchema!;
        Assert.Equal(
            """{"type":"object","properties":{"mode":{"type":"string","enum":["true","1",null,"x"]},"n":{"type":"number","minimum":1.5,"maximum":10,"default":null},"flag":{"type":"boolean","default":true}},"required":["mode"]}""",
            schema.ToJsonString());
        Assert.Equal(System.Text.Json.JsonValueKind.True, schema["properties"]!["flag"]!["default"]!.GetValueKind());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, schema["properties"]!["n"]!["maximum"]!.GetValueKind());
    }

    [Theory]
    [InlineData("command: echo hello", new[] { "echo", "hello" })]
    [InlineData("command: sh -c 'echo \"a b\"; exit 0'", new[] { "sh", "-c", "echo \"a b\"; exit 0" })]
    [InlineData("command: \"a\\\\ b 'c d' \\\"e f\\\"\"", new[] { "a b", "c d", "e f" })]
    [InlineData("command: []", new string[0])]
    public void Parse_command_string_is_split_like_a_shell(string line, string[] expected)
    {
        Assert.Equal(expected, Valid(With(line)).Command);
    }

    [Fact]
    public void Parse_treats_explicit_null_as_unset()
    {
        var spec = Valid(With("read_only: ~\nhealthcheck:\nuser: null"));

        Assert.True(spec.Security.ReadOnlyRootFilesystem);
        Assert.Null(spec.HealthCheck);
        Assert.Equal("65534:65534", spec.Security.User);
    }

    [Fact]
    public void Parse_spec_collections_are_read_only()
    {
        var spec = Valid(With("environment: {A: b}"));

        Assert.False(spec.Environment is IDictionary<string, string> { IsReadOnly: false });
        Assert.Throws<NotSupportedException>(() => ((ICollection<KeyValuePair<string, string>>)spec.Environment).Clear());
    }
}
