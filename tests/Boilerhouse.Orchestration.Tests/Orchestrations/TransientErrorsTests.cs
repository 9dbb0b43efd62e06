using Boilerhouse.Orchestration.Orchestrations;
using Orleans.Runtime;

namespace Boilerhouse.Orchestration.Tests.Orchestrations;

public sealed class TransientErrorsTests
{
    [Fact]
    public void Grain_call_lost_with_a_dead_silo_is_worth_another_attempt()
    {
        Assert.True(TransientErrors.IsTransient(new SiloUnavailableException("silo S127.0.0.1:11111 is dead")));
        Assert.True(TransientErrors.IsTransient(new AggregateException(new SiloUnavailableException("wrapped"))));
    }

    [Fact]
    public void Other_failures_are_not_silo_loss()
    {
        Assert.False(SiloLoss.Is(new InvalidOperationException("a bug")));
        Assert.False(TransientErrors.IsTransient(new InvalidOperationException("a bug", new ArgumentException("inner"))));
    }
}
