using Boilerhouse.Functions.Settings;

namespace Boilerhouse.Functions.Access;

/// <summary>
/// Secure by default: without any key the API stays open only on loopback (one warning); on any
/// other address it refuses to start unless BOILERHOUSE_AUTH=none says so on purpose.
/// </summary>
public static class AccessStartup
{
    public static async Task CheckAsync(IServiceProvider services, string urls, CancellationToken cancellationToken)
    {
        var mode = services.GetRequiredService<AccessMode>();
        var settings = services.GetRequiredService<AccessSettings>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Boilerhouse.Access");
        await mode.InitializeAsync(cancellationToken);
        if (mode.Enforced)
        {
            return;
        }

        if (ListenAddresses.LoopbackOnly(urls))
        {
            logger.LogWarning("The API is OPEN: no API key is configured, so anyone on this machine can call it ({Urls}). " +
                "Set BOILERHOUSE_ADMIN_KEY or BOILERHOUSE_ADMIN_KEY_FILE to require keys", urls);
            return;
        }

        if (settings.AuthDisabledOnPurpose)
        {
            logger.LogWarning("The API is OPEN on {Urls} because BOILERHOUSE_AUTH=none: anyone who can reach it can claim, release and drain", urls);
            return;
        }

        throw new SettingsException(
            $"the API would listen on {urls}, beyond loopback, with no API key configured. Set BOILERHOUSE_ADMIN_KEY " +
            "(at least 32 characters) or BOILERHOUSE_ADMIN_KEY_FILE to require keys, listen on 127.0.0.1 only, " +
            "or set BOILERHOUSE_AUTH=none to run open on purpose.");
    }
}
