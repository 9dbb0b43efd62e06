namespace Boilerhouse.IntegrationTests.Infrastructure;

/// <summary>One host shared by the Docker tests; its containers are removed by label at the end.</summary>
public sealed class BoilerhouseFixture : IAsyncLifetime
{
    public BoilerhouseApp App { get; private set; } = null!;

    public Task InitializeAsync()
    {
        App = BoilerhouseApp.Start(TestWorkloads.Files);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<BoilerhouseFixture>
{
    public const string Name = "docker";
}
