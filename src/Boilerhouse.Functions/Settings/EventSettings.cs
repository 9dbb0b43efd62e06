using Boilerhouse.Orchestration.Events;

namespace Boilerhouse.Functions.Settings;

/// <summary>The event stream's settings: recent buffer (resume window) and per-subscriber queue.</summary>
public static class EventSettings
{
    public const string BufferKey = "BOILERHOUSE_EVENT_BUFFER";
    public const string QueueKey = "BOILERHOUSE_EVENT_QUEUE";

    /// <summary>Reads and checks the settings; a bad value stops start-up (SettingsException) naming it.</summary>
    public static EventOptions Load(IConfiguration configuration)
    {
        var reader = new SettingsReader(configuration);
        return new EventOptions
        {
            BufferSize = reader.Int(BufferKey, 10_000, 100, 1_000_000),
            SubscriberQueueSize = reader.Int(QueueKey, 1_000, 1, 100_000),
        };
    }
}
