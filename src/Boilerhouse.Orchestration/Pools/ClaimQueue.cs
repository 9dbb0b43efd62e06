namespace Boilerhouse.Orchestration.Pools;

/// <summary>
/// A pool's line of waiting claims, first come, first served: a claim that finds nothing warm
/// (or finds others already waiting) joins at the back, and the front is served first, so no claim
/// overtakes one that arrived before it. The same claim instance asking again keeps its place.
/// Pure bookkeeping: the grain serves it and answers the waiters.
/// </summary>
internal sealed class ClaimQueue
{
    private readonly LinkedList<ClaimWaiter> _line = new();
    // Every waiter by instance, in line or being served, so a retry finds its place.
    private readonly Dictionary<string, ClaimWaiter> _byInstance = new(StringComparer.Ordinal);

    /// <summary>Claims waiting in line (not counting those being served).</summary>
    public int Count => _line.Count;

    public ClaimWaiter? First => _line.First?.Value;

    /// <summary>The instance's waiter, in line or being served; null when it is not waiting.</summary>
    public ClaimWaiter? Find(string instanceId) => _byInstance.GetValueOrDefault(instanceId);

    /// <summary>Joins at the back, or returns the instance's existing waiter (its place kept).</summary>
    public ClaimWaiter Join(string tenantId, string instanceId, DateTimeOffset deadline)
    {
        if (Find(instanceId) is { } waiting)
        {
            return waiting;
        }

        var waiter = new ClaimWaiter(tenantId, instanceId, deadline);
        _line.AddLast(waiter);
        _byInstance[instanceId] = waiter;
        return waiter;
    }

    /// <summary>Takes the first waiter out of the line to be served; it stays findable until settled or put back.</summary>
    public ClaimWaiter? ServeFirst()
    {
        if (_line.First is not { } first)
        {
            return null;
        }

        _line.RemoveFirst();
        first.Value.BeingServed = true;
        return first.Value;
    }

    /// <summary>Waiters whose hand-out did not happen go back to the front, in their order.</summary>
    public void PutBack(IReadOnlyList<ClaimWaiter> waiters)
    {
        for (var i = waiters.Count - 1; i >= 0; i--)
        {
            waiters[i].BeingServed = false;
            _line.AddFirst(waiters[i]);
        }
    }

    /// <summary>The waiter is answered: it leaves the line (or the set being served) for good.</summary>
    public void Settle(ClaimWaiter waiter)
    {
        if (!waiter.BeingServed)
        {
            _line.Remove(waiter);
        }

        waiter.BeingServed = false;
        if (_byInstance.TryGetValue(waiter.InstanceId, out var known) && ReferenceEquals(known, waiter))
        {
            _byInstance.Remove(waiter.InstanceId);
        }
    }

    /// <summary>Takes every waiter in line whose deadline has passed out of it (returned): none is served after its claim gave up.</summary>
    public IReadOnlyList<ClaimWaiter> Expire(DateTimeOffset now)
    {
        var expired = _line.Where(w => w.Deadline <= now).ToList();
        foreach (var waiter in expired)
        {
            Settle(waiter);
        }

        return expired;
    }

    /// <summary>Everyone still waiting (in line or being served), for an activation that goes away.</summary>
    public IReadOnlyList<ClaimWaiter> All() => [.. _byInstance.Values];
}
