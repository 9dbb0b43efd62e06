using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Access;

/// <summary>One host with a bootstrap admin key and no workloads, shared by the key and matrix tests.</summary>
public sealed class AccessHostFixture : IAsyncLifetime
{
    public string AdminKey { get; } = KeyedApi.NewAdminKey();

    public BoilerhouseApp App { get; private set; } = null!;

    public Task InitializeAsync()
    {
        // Many deliberate 401s come from one test address here; brute-force limits have their own test.
        App = KeyedApi.StartWithAdminKey(AdminKey, settings: new() { ["BOILERHOUSE_AUTH_FAILURES_PER_MINUTE"] = "100000" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class AccessHostCollection : ICollectionFixture<AccessHostFixture>
{
    public const string Name = "access-host";
}
