namespace Boilerhouse.IntegrationTests.Isolation;

/// <summary>
/// What a tenant's container can reach, tried from inside it as an attacker would. Each test first
/// makes the same attempt from a container on Docker's default bridge and sees it succeed, so a
/// failure from a tenant's container is Boilerhouse's isolation, not a target that was not there.
/// </summary>
public abstract class EngineIsolationTests<TFixture>(TFixture engine) where TFixture : IsolationFixture
{
    private const int Web = IsolationFixture.WebPort;

    [Fact]
    public async Task Tenant_cannot_reach_another_tenants_container_in_the_same_pool()
    {
        await engine.AssertReachesAsync(engine.Attacker, engine.Victim.Address, Web);
        await engine.AssertReachesAsync(engine.TenantB, "127.0.0.1", Web); // b's server is up

        await engine.AssertBlockedAsync(engine.TenantA, engine.TenantB.Address, Web);
        await engine.AssertBlockedAsync(engine.TenantB, engine.TenantA.Address, Web);
        await engine.AssertBlockedAsync(engine.TenantE, engine.TenantD.Address, Web); // egress allowed, ports published
    }

    [Fact]
    public async Task Tenant_cannot_reach_a_container_of_another_pool()
    {
        await engine.AssertReachesAsync(engine.Attacker, engine.Victim.Address, Web);
        await engine.AssertReachesAsync(engine.TenantC, "127.0.0.1", Web);

        await engine.AssertBlockedAsync(engine.TenantA, engine.TenantC.Address, Web);
        await engine.AssertBlockedAsync(engine.TenantC, engine.TenantA.Address, Web);
        await engine.AssertBlockedAsync(engine.TenantC, engine.Victim.Address, Web);
    }

    [Fact]
    public async Task Tenant_cannot_reach_another_tenants_published_port_through_the_host()
    {
        var (address, port) = engine.PublishedD;
        await IsolationFixture.AssertReachesFromHereAsync(address, port);

        await engine.AssertBlockedAsync(engine.TenantE, address, port); // same pool
        await engine.AssertBlockedAsync(engine.TenantC, address, port); // another pool, egress allowed
        await engine.AssertBlockedAsync(engine.TenantA, address, port); // another pool, egress denied
    }

    [Fact]
    public async Task Tenant_cannot_reach_the_metadata_address()
    {
        var (address, port) = engine.Metadata;
        await engine.AssertReachesAsync(engine.Attacker, address, port);

        await engine.AssertBlockedAsync(engine.TenantA, address, port);
        await engine.AssertBlockedAsync(engine.TenantC, address, port); // egress allowed, link-local still refused
    }

    [Fact]
    public async Task Tenant_cannot_reach_the_docker_hosts_own_addresses()
    {
        var addresses = engine.HostAddresses();
        Assert.NotEmpty(addresses);
        foreach (var (address, port) in addresses)
        {
            await engine.AssertReachesAsync(engine.Attacker, address, port);
        }

        foreach (var (address, port) in addresses)
        {
            await engine.AssertBlockedAsync(engine.TenantA, address, port);
            await engine.AssertBlockedAsync(engine.TenantC, address, port);
        }
    }

    [Fact]
    public async Task Denied_egress_has_no_route_out()
    {
        var (address, port) = engine.Outside;
        await engine.AssertReachesAsync(engine.Attacker, address, port);

        await engine.AssertBlockedAsync(engine.TenantA, address, port);
        await engine.AssertBlockedAsync(engine.TenantB, address, port);
    }

    [Fact]
    public async Task Allowed_egress_reaches_out()
    {
        var (address, port) = engine.Outside;

        await engine.AssertReachesAsync(engine.TenantC, address, port);
    }
}

/// <summary>The isolation properties on the local engine.</summary>
public sealed class LocalEngineIsolationTests(LocalIsolationFixture engine)
    : EngineIsolationTests<LocalIsolationFixture>(engine), IClassFixture<LocalIsolationFixture>;

/// <summary>The isolation properties on a remote TLS engine (engine 3, in its own network namespace).</summary>
public sealed class RemoteEngineIsolationTests(RemoteIsolationFixture engine)
    : EngineIsolationTests<RemoteIsolationFixture>(engine), IClassFixture<RemoteIsolationFixture>;
