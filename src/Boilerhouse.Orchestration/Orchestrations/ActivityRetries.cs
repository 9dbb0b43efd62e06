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
}
