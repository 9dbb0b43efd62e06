using System.Collections.Concurrent;
using System.Net;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Boilerhouse.Docker.Runtime;

/// <summary>
/// The pool networks of one engine. A network is created (or found) the first time a container of its
/// pool is created on this engine and then remembered, so later creates cost no Docker call for it and
/// nothing is added to claims. A network found with the right name but weaker settings (inter-container
/// traffic on, another bridge name, the wrong egress) is refused, never used.
/// </summary>
internal sealed class PoolNetworks(EngineConnection engine)
{
    private const string IccOption = "com.docker.network.bridge.enable_icc";
    private const string BridgeNameOption = "com.docker.network.bridge.name";

    private readonly ConcurrentDictionary<string, Lazy<Task>> ensured = new(StringComparer.Ordinal);

    public Task EnsureAsync(PoolNetwork network, CancellationToken cancellationToken)
    {
        var lazy = ensured.GetOrAdd(network.Name, _ => new Lazy<Task>(() => CreateOrFindAsync(network, CancellationToken.None)));
        return AwaitAsync(network, lazy, cancellationToken);
    }

    /// <summary>Forgets a network (removed, or found missing), so the next create makes it again.</summary>
    public void Forget(string name) => ensured.TryRemove(name, out _);

    public async Task<IReadOnlyList<NetworkInfo>> ListAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var parameters = new NetworksListParameters { Filters = LabelFilter.Of(labels) };
        try
        {
            var networks = await engine.Call.RunAsync("list networks", t => engine.Client.Networks.ListNetworksAsync(parameters, t), cancellationToken)
                .ConfigureAwait(false);
            return [.. networks.Select(n => new NetworkInfo(
                n.Name,
                (IReadOnlyDictionary<string, string>?)n.Labels?.AsReadOnly() ?? new Dictionary<string, string>(),
                new DateTimeOffset(DateTime.SpecifyKind(n.Created, n.Created.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : n.Created.Kind))))];
        }
        catch (DockerApiException e)
        {
            throw new BoilerhouseException(ErrorCodes.ContainerFailed, $"Docker refused to list networks: {DockerErrors.MessageOf(e)}", e);
        }
    }

    /// <summary>Removes a network; true when it is gone, false when containers still use it.</summary>
    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await engine.Call.RunAsync($"remove network {name}", t => engine.Client.Networks.DeleteNetworkAsync(name, t), cancellationToken)
                .ConfigureAwait(false);
            Forget(name);
            DockerLog.PoolNetworkRemoved(engine.Logger, name, engine.Endpoint.ToString());
            return true;
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            Forget(name);
            return true;
        }
        catch (DockerApiException e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Conflict)
        {
            return false; // "has active endpoints": its containers are still there
        }
        catch (DockerApiException e)
        {
            throw new BoilerhouseException(ErrorCodes.ContainerFailed, $"Docker refused to remove network {name}: {DockerErrors.MessageOf(e)}", e);
        }
    }

    private async Task AwaitAsync(PoolNetwork network, Lazy<Task> lazy, CancellationToken cancellationToken)
    {
        try
        {
            await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (lazy.IsValueCreated && lazy.Value.IsCompleted && !lazy.Value.IsCompletedSuccessfully)
        {
            // A failed attempt is not remembered: the next create tries again.
            ensured.TryRemove(new KeyValuePair<string, Lazy<Task>>(network.Name, lazy));
            throw;
        }
    }

    private async Task CreateOrFindAsync(PoolNetwork network, CancellationToken cancellationToken)
    {
        if (await InspectAsync(network.Name, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            Check(network, existing);
            DockerLog.PoolNetworkFound(engine.Logger, network.Name, engine.Endpoint.ToString());
            return;
        }

        var parameters = new NetworksCreateParameters
        {
            Name = network.Name,
            Driver = "bridge",
            CheckDuplicate = true,
            Internal = network.Internal,
            Labels = new Dictionary<string, string>(network.Labels),
            Options = new Dictionary<string, string> { [IccOption] = "false", [BridgeNameOption] = network.BridgeName },
        };
        try
        {
            await engine.Call.RunAsync($"create network {network.Name}", t => engine.Client.Networks.CreateNetworkAsync(parameters, t), cancellationToken)
                .ConfigureAwait(false);
            DockerLog.PoolNetworkCreated(engine.Logger, network.Name, network.BridgeName, network.Internal, engine.Endpoint.ToString());
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            // Another silo made it at the same moment: use it if it is what we would have made.
            var raced = await InspectAsync(network.Name, cancellationToken).ConfigureAwait(false) ?? throw Refused(network, e);
            Check(network, raced);
        }
        catch (DockerApiException e)
        {
            throw Refused(network, e);
        }
    }

    private async Task<NetworkResponse?> InspectAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.Call.RunAsync($"inspect network {name}", t => engine.Client.Networks.InspectNetworkAsync(name, t), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private void Check(PoolNetwork network, NetworkResponse existing)
    {
        IDictionary<string, string> options = existing.Options ?? new Dictionary<string, string>();
        IDictionary<string, string> labels = existing.Labels ?? new Dictionary<string, string>();
        var problem =
            existing.Driver != "bridge" ? $"its driver is {existing.Driver}, not bridge"
            : Get(options, IccOption) != "false" ? "inter-container traffic is on"
            : Get(options, BridgeNameOption) != network.BridgeName ? $"its bridge is not {network.BridgeName}, so the host guard does not cover it"
            : existing.Internal != network.Internal ? $"it is {(existing.Internal ? "" : "not ")}internal"
            : network.Labels.Any(l => Get(labels, l.Key) != l.Value) ? "it lacks Boilerhouse's labels"
            : null;
        if (problem is not null)
        {
            throw new BoilerhouseException(
                ErrorCodes.ContainerFailed,
                $"Docker network {network.Name} on {engine.Endpoint} exists but is not safe to use: {problem}. Remove it (docker network rm) and Boilerhouse makes it again.");
        }
    }

    private static string? Get(IDictionary<string, string> values, string key) => values.TryGetValue(key, out var value) ? value : null;

    private BoilerhouseException Refused(PoolNetwork network, DockerApiException e)
    {
        var message = DockerErrors.MessageOf(e);
        // Docker's default address pools hold about 30 networks; each pool on a host takes one.
        var hint = message.Contains("address pool", StringComparison.OrdinalIgnoreCase)
            ? "; the engine has no subnet left for another network: give it more with default-address-pools in its daemon.json (see infra/README.md)"
            : "";
        return new(ErrorCodes.ContainerFailed, $"Docker refused to create network {network.Name} on {engine.Endpoint}: {message}{hint}", e);
    }
}
