using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>The retry and timeout pipeline around every activity attempt, from host.json's orchestration options.</summary>
public static class ActivityRetries
{
    public static ResiliencePipeline Build(IOptions<OrchestrationOptions> options, TimeProvider time)
    {
        var o = options.Value;
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (o.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(TransientErrors.IsTransient(args.Outcome.Exception)),
                MaxRetryAttempts = o.MaxAttempts - 1,
                Delay = o.FirstRetryInterval,
                MaxDelay = o.MaxRetryInterval,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }

        return builder.AddTimeout(o.ActivityTimeout).Build();
    }

    /// <summary>Transient failures retried until they pass (or the instance is terminated): for saving state that must never be dropped.</summary>
    public static ResiliencePipeline BuildUnbounded(IOptions<OrchestrationOptions> options, TimeProvider time)
    {
        var o = options.Value;
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(TransientErrors.IsTransient(args.Outcome.Exception)),
                MaxRetryAttempts = int.MaxValue,
                Delay = o.FirstRetryInterval,
                MaxDelay = o.MaxSaveStateRetryInterval,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .AddTimeout(o.ActivityTimeout)
            .Build();
    }
}
