using Boilerhouse.Core.Workloads;
using Boilerhouse.Core.Workloads.Parsing;

namespace Boilerhouse.Core.Tests.Workloads;

public class ExampleWorkloadTests
{
    [Fact]
    public void Example_folder_loads_every_file_without_errors()
    {
        var catalog = WorkloadCatalog.LoadDirectory(RepoRoot.WorkloadsDirectory);

        Assert.Empty(catalog.Errors);
        Assert.Equal(["web", "worker"], catalog.Workloads.Select(w => w.Id).Order());
    }

    [Fact]
    public void Web_example_maps_every_field()
    {
        var web = Load("web.yaml");

        Assert.Equal("web", web.Id);
        Assert.Equal("boilerhouse/busybox:local", web.Image);
        Assert.Equal(["httpd", "-f", "-p", "8080", "-h", "/www"], web.Command);
        Assert.Null(web.Entrypoint);
        Assert.Equal([new PortSpec(8080, "tcp", "127.0.0.1", null)], web.Ports);
        Assert.Equal(["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"], web.HealthCheck!.Test);
        Assert.Equal(TimeSpan.FromSeconds(1), web.HealthCheck.Interval);
        Assert.Equal(TimeSpan.FromSeconds(2), web.HealthCheck.Timeout);
        Assert.Equal(3, web.HealthCheck.Retries);
        Assert.Equal(
            [new VolumeSpec("/state", false, VolumeRole.State), new VolumeSpec("/secrets", true, VolumeRole.Secrets), new VolumeSpec("/config", false, VolumeRole.Config)],
            web.Volumes);
        Assert.Equal(new PoolSpec(2, 6, TimeSpan.FromMinutes(10)), web.Pool);
        Assert.Equal(0.5m, web.Resources.CpuLimit);
        Assert.Equal(64L * 1024 * 1024, web.Resources.MemoryLimitBytes);
        Assert.Equal("object", web.ConfigSchema!["type"]!.GetValue<string>());
        Assert.EndsWith("web.yaml", web.SourceFile);
    }

    [Fact]
    public void Worker_example_maps_every_field()
    {
        var worker = Load("worker.yaml");

        Assert.Equal("worker", worker.Id);
        Assert.Equal(["sh", "-c", "while true; do sleep 1; done"], worker.Command);
        Assert.Equal("none", worker.NetworkMode);
        Assert.Empty(worker.Ports);
        Assert.Equal(["CMD", "test", "-d", "/state"], worker.HealthCheck!.Test);
        Assert.Equal(TimeSpan.FromSeconds(1), worker.HealthCheck.Interval);
        Assert.Equal(TimeSpan.FromSeconds(30), worker.HealthCheck.Timeout);
        Assert.Equal([VolumeRole.State, VolumeRole.Secrets], worker.Volumes.Select(v => v.Role));
        Assert.Equal(new PoolSpec(1, 4, TimeSpan.FromMinutes(30)), worker.Pool);
        Assert.Equal(0.25m, worker.Resources.CpuLimit);
        Assert.Equal(32L * 1024 * 1024, worker.Resources.MemoryLimitBytes);
        Assert.Null(worker.ConfigSchema);
    }

    [Theory]
    [InlineData("web.yaml")]
    [InlineData("worker.yaml")]
    public void Examples_get_secure_defaults(string file)
    {
        var spec = Load(file);

        Assert.True(spec.Security.ReadOnlyRootFilesystem);
        Assert.Equal("65534:65534", spec.Security.User);
        Assert.Equal(["ALL"], spec.Security.CapDrop);
        Assert.Equal(["no-new-privileges:true"], spec.Security.SecurityOpt);
        Assert.Equal(256, spec.Resources.PidsLimit);
    }

    [Fact]
    public void Web_example_config_schema_accepts_and_rejects_tenant_config()
    {
        var web = Load("web.yaml");

        Assert.Empty(ConfigValidator.Validate(web.ConfigSchema, System.Text.Json.Nodes.JsonNode.Parse("""{"greeting":"hi","replicas":2}""")));
        Assert.Equal(["/replicas: 0 should be at least 1"], ConfigValidator.Validate(web.ConfigSchema, System.Text.Json.Nodes.JsonNode.Parse("""{"replicas":0}""")));
    }

    private static WorkloadSpec Load(string file)
    {
        var path = Path.Combine(RepoRoot.WorkloadsDirectory, file);
        var result = WorkloadParser.Parse(File.ReadAllText(path), path);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Spec;
    }
}
