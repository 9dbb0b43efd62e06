namespace Boilerhouse.Client.Tests.Infrastructure;

/// <summary>The classes that share one <see cref="ClientHost"/>: a host start is the slowest part of these tests. Each test uses its own tenants.</summary>
[CollectionDefinition(Name)]
public sealed class ClientHostCollection : ICollectionFixture<ClientHost>
{
    public const string Name = "client host";
}
