using Boilerhouse.Orchestration.Pools;

namespace Boilerhouse.Orchestration.Tests.Pools;

public sealed class ClaimQueueTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Claims_are_served_in_the_order_they_joined()
    {
        var line = new ClaimQueue();
        line.Join("a", "i-a", Now.AddSeconds(30));
        line.Join("b", "i-b", Now.AddSeconds(30));
        line.Join("c", "i-c", Now.AddSeconds(30));

        Assert.Equal(["i-a", "i-b", "i-c"], ServeAll(line));
    }

    [Fact]
    public void A_claim_asking_again_keeps_its_place_and_stays_one_waiter()
    {
        var line = new ClaimQueue();
        var first = line.Join("a", "i-a", Now.AddSeconds(30));
        line.Join("b", "i-b", Now.AddSeconds(30));

        var again = line.Join("a", "i-a", Now.AddSeconds(40));

        Assert.Same(first, again);
        Assert.Equal(2, line.Count);
        Assert.Equal(["i-a", "i-b"], ServeAll(line));
    }

    [Fact]
    public void A_claim_being_served_is_found_by_its_retry_and_not_lined_up_twice()
    {
        var line = new ClaimQueue();
        var first = line.Join("a", "i-a", Now.AddSeconds(30));
        Assert.Same(first, line.ServeFirst());

        Assert.Same(first, line.Join("a", "i-a", Now.AddSeconds(30)));
        Assert.True(first.BeingServed);
        Assert.Equal(0, line.Count);
    }

    [Fact]
    public void A_newcomer_never_overtakes_those_already_waiting()
    {
        var line = new ClaimQueue();
        line.Join("a", "i-a", Now.AddSeconds(30));
        line.Join("b", "i-b", Now.AddSeconds(30));

        line.Join("late", "i-late", Now.AddSeconds(30));

        Assert.Equal("i-a", line.First!.InstanceId);
        Assert.Equal("i-late", ServeAll(line)[^1]);
    }

    [Fact]
    public void Refused_hand_outs_go_back_to_the_front_in_their_order()
    {
        var line = new ClaimQueue();
        line.Join("a", "i-a", Now.AddSeconds(30));
        line.Join("b", "i-b", Now.AddSeconds(30));
        line.Join("c", "i-c", Now.AddSeconds(30));
        var a = line.ServeFirst()!;
        var b = line.ServeFirst()!;

        line.PutBack([a, b]);

        Assert.False(a.BeingServed);
        Assert.Equal(["i-a", "i-b", "i-c"], ServeAll(line));
    }

    [Fact]
    public void Claims_past_their_deadline_leave_the_line_and_the_rest_keep_their_order()
    {
        var line = new ClaimQueue();
        line.Join("a", "i-a", Now.AddSeconds(30));
        line.Join("b", "i-b", Now.AddSeconds(10));
        line.Join("c", "i-c", Now.AddSeconds(30));

        var expired = line.Expire(Now.AddSeconds(10));

        Assert.Equal(["i-b"], expired.Select(w => w.InstanceId));
        Assert.Null(line.Find("i-b"));
        Assert.Equal(["i-a", "i-c"], ServeAll(line));
    }

    [Fact]
    public void A_settled_claim_asking_again_joins_at_the_back_as_a_new_waiter()
    {
        var line = new ClaimQueue();
        var first = line.Join("a", "i-a", Now.AddSeconds(30));
        line.Join("b", "i-b", Now.AddSeconds(30));
        line.Settle(first);

        var again = line.Join("a", "i-a", Now.AddSeconds(30));

        Assert.NotSame(first, again);
        Assert.Equal(["i-b", "i-a"], ServeAll(line));
    }

    private static List<string> ServeAll(ClaimQueue line)
    {
        var served = new List<string>();
        while (line.ServeFirst() is { } waiter)
        {
            served.Add(waiter.InstanceId);
            line.Settle(waiter);
        }

        return served;
    }
}
