using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Access;

/// <summary>One host with a bootstrap admin key and the web workload, for the tenant-key tests.</summary>
public sealed class TenantKeyFixture : IAsyncLifetime
{
    public string AdminKey { get; } = KeyedApi.NewAdminKey();

    public BoilerhouseApp App { get; private set; } = null!;

    public Task InitializeAsync()
    {
        var web = $"{TestWorkloads.Web}.yaml";
        App = KeyedApi.StartWithAdminKey(AdminKey, new Dictionary<string, string> { [web] = TestWorkloads.Files[web] });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
