using Boilerhouse.Core.Workloads;
using static Boilerhouse.Core.Tests.Workloads.WorkloadYaml;

namespace Boilerhouse.Core.Tests.Workloads;

/// <summary>A workload may not weaken isolation below the hardened baseline unless the host's policy allows it.</summary>
public class WorkloadPolicyTests
{
    private const string Pids = "deploy:\n  resources:\n    limits:\n      pids: -1";

    public static TheoryData<string, string, string> Weakenings => new()
    {
        { "user: \"0\"", "user", WorkloadPolicy.AllowRootSetting },
        { "user: root", "user", WorkloadPolicy.AllowRootSetting },
        { "user: \"0:0\"", "user", WorkloadPolicy.AllowRootSetting },
        { "user: \"0:1000\"", "user", WorkloadPolicy.AllowRootSetting },
        { "user: \"00\"", "user", WorkloadPolicy.AllowRootSetting },
        { "user: app", "user", WorkloadPolicy.AllowRootSetting },
        { "user: \"1000:staff\"", "user", WorkloadPolicy.AllowRootSetting },
        { "security_opt: [\"no-new-privileges:false\"]", "security_opt[0]", WorkloadPolicy.AllowRootSetting },
        { "security_opt: [\"no-new-privileges=false\"]", "security_opt[0]", WorkloadPolicy.AllowRootSetting },
        { "network_mode: host", "network_mode", WorkloadPolicy.AllowHostNetworkSetting },
        { "network_mode: \"container:other\"", "network_mode", WorkloadPolicy.AllowHostNetworkSetting },
        { "network_mode: \"service:db\"", "network_mode", WorkloadPolicy.AllowHostNetworkSetting },
        { "security_opt: [\"seccomp=unconfined\"]", "security_opt[0]", WorkloadPolicy.AllowUnconfinedSetting },
        { "security_opt: [\"seccomp:unconfined\"]", "security_opt[0]", WorkloadPolicy.AllowUnconfinedSetting },
        { "security_opt: [\"seccomp={\\\"defaultAction\\\":\\\"SCMP_ACT_ALLOW\\\"}\"]", "security_opt[0]", WorkloadPolicy.AllowUnconfinedSetting },
        { "security_opt: [\"apparmor=unconfined\"]", "security_opt[0]", WorkloadPolicy.AllowUnconfinedSetting },
        { "security_opt: [\"apparmor=my-profile\"]", "security_opt[0]", WorkloadPolicy.AllowUnconfinedSetting },
        { "security_opt: [\"label=disable\"]", "security_opt[0]", WorkloadPolicy.AllowUnconfinedSetting },
        { "security_opt: [\"no-new-privileges\", \"systempaths=unconfined\"]", "security_opt[1]", WorkloadPolicy.AllowUnconfinedSetting },
        { "read_only: false", "read_only", WorkloadPolicy.AllowWritableRootFilesystemSetting },
        { Pids, "deploy.resources.limits.pids", WorkloadPolicy.AllowUnlimitedPidsSetting },
        { "cap_add: [ALL]", "cap_add[0]", WorkloadPolicy.AllowedCapabilitiesSetting },
        { "cap_add: [SYS_ADMIN]", "cap_add[0]", WorkloadPolicy.AllowedCapabilitiesSetting },
        { "cap_add: [CHOWN, NET_RAW]", "cap_add[1]", WorkloadPolicy.AllowedCapabilitiesSetting },
        { "cap_add: [cap_sys_ptrace]", "cap_add[0]", WorkloadPolicy.AllowedCapabilitiesSetting },
    };

    [Theory]
    [MemberData(nameof(Weakenings))]
    public void Weakening_isolation_is_refused_by_default_naming_field_and_setting(string line, string field, string setting)
    {
        var error = SingleError(With(line));

        Assert.Equal(field, error.Field);
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    public static TheoryData<string, WorkloadPolicy> AllowedBySetting => new()
    {
        { "user: \"0\"", new() { AllowRoot = true } },
        { "user: root", new() { AllowRoot = true } },
        { "user: app", new() { AllowRoot = true } },
        { "security_opt: [\"no-new-privileges:false\"]", new() { AllowRoot = true } },
        { "network_mode: host", new() { AllowHostNetwork = true } },
        { "network_mode: \"container:other\"", new() { AllowHostNetwork = true } },
        { "security_opt: [\"seccomp=unconfined\", \"apparmor=unconfined\"]", new() { AllowUnconfined = true } },
        { "read_only: false", new() { AllowWritableRootFilesystem = true } },
        { Pids, new() { AllowUnlimitedPids = true } },
        { "cap_add: [NET_RAW]", new() { AllowedCapabilities = new HashSet<string> { "NET_RAW" } } },
        { "cap_add: [SYS_ADMIN, ALL]", new() { AllowedCapabilities = new HashSet<string> { "ALL" } } },
    };

    [Theory]
    [MemberData(nameof(AllowedBySetting))]
    public void Each_weakening_loads_when_its_setting_allows_it(string line, WorkloadPolicy policy)
    {
        Valid(With(line), policy);
    }

    [Fact]
    public void A_setting_allows_only_its_own_weakening()
    {
        var error = SingleError(With("user: \"0\"\nread_only: false"), new WorkloadPolicy { AllowRoot = true });

        Assert.Equal("read_only", error.Field);
    }

    [Fact]
    public void Allowed_weakenings_are_carried_into_the_spec()
    {
        var spec = Valid(With("user: \"0:0\"\nread_only: false\nnetwork_mode: host\n" + Pids), Permissive);

        Assert.Equal("0:0", spec.Security.User);
        Assert.False(spec.Security.ReadOnlyRootFilesystem);
        Assert.Equal("host", spec.NetworkMode);
        Assert.Equal(-1, spec.Resources.PidsLimit);
    }

    [Theory]
    [InlineData("user: \"1000:1000\"")]
    [InlineData("user: 1000")]
    [InlineData("network_mode: none")]
    [InlineData("network_mode: bridge")]
    [InlineData("network_mode: tenants-net")]
    [InlineData("security_opt: [\"no-new-privileges\"]")]
    [InlineData("security_opt: [\"no-new-privileges:true\"]")]
    [InlineData("read_only: true")]
    [InlineData("cap_add: [CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, NET_BIND_SERVICE, SETGID, SETUID]")]
    public void Hardened_settings_load_under_the_default_policy(string line)
    {
        Valid(With(line));
    }

    [Fact]
    public void Cap_drop_never_replaces_dropping_all()
    {
        var spec = Valid(With("cap_drop: [NET_RAW]\ncap_add: [net_bind_service, CAP_CHOWN, CHOWN]"));

        Assert.Equal(["ALL"], spec.Security.CapDrop);
        Assert.Equal(["NET_BIND_SERVICE", "CHOWN"], spec.Security.CapAdd);
    }

    [Theory]
    [InlineData("cap_add: [FLY]", "cap_add[0]")]
    [InlineData("cap_drop: [NET_RAW, NOPE]", "cap_drop[1]")]
    public void Unknown_capability_is_an_error_even_when_all_are_allowed(string line, string field)
    {
        var error = SingleError(With(line), Permissive);

        Assert.Equal(field, error.Field);
        Assert.Contains("not a Linux capability", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_no_new_privileges_is_an_error()
    {
        var error = SingleError(With("security_opt: [\"no-new-privileges:maybe\"]"), Permissive);

        Assert.Equal("security_opt[0]", error.Field);
    }

    [Theory]
    [InlineData("privileged: true", "never runs privileged")]
    [InlineData("pid: host", "own process namespace")]
    [InlineData("devices: [\"/dev/kmsg\"]", "host devices")]
    public void Host_access_fields_are_refused_with_a_reason(string line, string reason)
    {
        var error = SingleError(With(line), Permissive);

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ports_cannot_be_published_in_another_containers_network()
    {
        var error = SingleError(With("network_mode: \"container:db\"\nports: [\"80\"]"), Permissive);

        Assert.Equal("ports[0]", error.Field);
    }

    [Fact]
    public void Security_spec_drops_all_even_when_built_with_a_partial_list()
    {
        var spec = new SecuritySpec(true, "1000", ["NET_RAW"], [], [], null);

        Assert.Equal(["ALL", "NET_RAW"], spec.CapDrop);
        Assert.Equal(["ALL", "MKNOD"], (spec with { CapDrop = ["MKNOD"] }).CapDrop);
    }

    [Fact]
    public void Catalog_applies_the_policy_it_is_given()
    {
        var sources = new[] { ("root.yaml", "x-boilerhouse: {id: rooted}\nimage: a\nuser: root") };

        var strict = WorkloadCatalog.FromYaml(sources);
        var allowing = WorkloadCatalog.FromYaml(sources, new WorkloadPolicy { AllowRoot = true });

        Assert.Equal(("root.yaml", "user"), (Assert.Single(strict.Errors).File, strict.Errors[0].Field));
        Assert.Empty(strict.Workloads);
        Assert.Equal("rooted", Assert.Single(allowing.Workloads).Id);
    }
}
