using Boilerhouse.Core.Workloads;
using Boilerhouse.Functions.Settings;
using Microsoft.Extensions.Configuration;

namespace Boilerhouse.IntegrationTests.Api;

/// <summary>The workload policy settings: all off by default, each read on its own, bad values stop start-up.</summary>
public sealed class WorkloadPolicySettingsTests
{
    [Fact]
    public void Default_is_the_hardened_baseline()
    {
        var settings = BoilerhouseSettings.Load(new ConfigurationBuilder().Build(), "/srv/boilerhouse");

        Assert.True(settings.WorkloadPolicy is
        {
            AllowRoot: false, AllowHostNetwork: false, AllowUnconfined: false, AllowWritableRootFilesystem: false, AllowUnlimitedPids: false,
            AllowedCapabilities.Count: 0,
        });
        Assert.False(settings.WorkloadPolicy.AllowsCapability("NET_RAW"));
        Assert.True(settings.WorkloadPolicy.AllowsCapability("NET_BIND_SERVICE"));
    }

    [Fact]
    public void Each_setting_turns_on_its_own_switch()
    {
        var policy = Load(new()
        {
            [WorkloadPolicy.AllowRootSetting] = "true",
            [WorkloadPolicy.AllowHostNetworkSetting] = "1",
            [WorkloadPolicy.AllowUnconfinedSetting] = "yes",
            [WorkloadPolicy.AllowWritableRootFilesystemSetting] = "true",
            [WorkloadPolicy.AllowUnlimitedPidsSetting] = "true",
            [WorkloadPolicy.AllowedCapabilitiesSetting] = "net_raw, CAP_SYS_PTRACE",
        });

        Assert.True(policy is { AllowRoot: true, AllowHostNetwork: true, AllowUnconfined: true, AllowWritableRootFilesystem: true, AllowUnlimitedPids: true });
        Assert.Equal(["NET_RAW", "SYS_PTRACE"], policy.AllowedCapabilities.Order());
        Assert.False(policy.AllowsCapability("SYS_ADMIN"));
    }

    [Fact]
    public void All_capabilities_can_be_allowed_by_name()
    {
        Assert.True(Load(new() { [WorkloadPolicy.AllowedCapabilitiesSetting] = "ALL" }).AllowsCapability("SYS_ADMIN"));
    }

    [Theory]
    [InlineData(WorkloadPolicy.AllowRootSetting, "sometimes")]
    [InlineData(WorkloadPolicy.AllowedCapabilitiesSetting, "NET_RAW,FLY")]
    public void Invalid_policy_setting_stops_start_up_naming_it(string key, string value)
    {
        var ex = Assert.Throws<SettingsException>(() => Load(new() { [key] = value }));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
    }

    private static WorkloadPolicy Load(Dictionary<string, string?> values) =>
        BoilerhouseSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), "/srv/boilerhouse").WorkloadPolicy;
}
