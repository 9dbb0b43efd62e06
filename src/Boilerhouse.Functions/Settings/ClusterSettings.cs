using System.Net;
using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Functions.Settings;

/// <summary>Where silos find each other: the embedded single silo, or Orleans membership in a shared store.</summary>
public enum ClusterMembership
{
    Localhost,
    Redis,
    AzureTable,
}

/// <summary>
/// How this silo joins its cluster. <see cref="ConnectionString"/> may hold a password or an account
/// key: it is never logged or shown (<see cref="ToString"/> leaves it out).
/// </summary>
public sealed record ClusterSettings
{
    public required ClusterMembership Membership { get; init; }
    public string? ConnectionString { get; init; }
    public required string ClusterId { get; init; }
    public required string ServiceId { get; init; }
    /// <summary>The address other silos reach this one at; null lets Orleans pick this machine's first address.</summary>
    public IPAddress? AdvertisedAddress { get; init; }
    /// <summary>Failure detection: one probe's timeout, missed probes before a suspicion, votes that declare a silo dead.</summary>
    public required TimeSpan ProbeTimeout { get; init; }
    public required int MissedProbes { get; init; }
    public required int DeathVotes { get; init; }

    public bool IsCluster => Membership != ClusterMembership.Localhost;

    public override string ToString() => $"{Membership} (cluster {ClusterId}, service {ServiceId})";
}

/// <summary>
/// BOILERHOUSE_CLUSTERING (localhost, the default, redis or azuretable) and what each needs. A
/// cluster shares its data, so it refuses to start on a silo's own SQLite file.
/// </summary>
internal static class ClusterSettingsLoader
{
    public const string ClusteringSetting = "BOILERHOUSE_CLUSTERING";
    public const string RedisSetting = "BOILERHOUSE_REDIS";
    public const string AzureTableSetting = "BOILERHOUSE_AZURE_TABLE";

    public static ClusterSettings Load(IConfiguration configuration, DatabaseSettings database)
    {
        var reader = new SettingsReader(configuration);
        var membership = reader.String(ClusteringSetting, "localhost").ToLowerInvariant() switch
        {
            "localhost" => ClusterMembership.Localhost,
            "redis" => ClusterMembership.Redis,
            "azuretable" => ClusterMembership.AzureTable,
            var other => throw new SettingsException($"{ClusteringSetting} must be 'localhost', 'redis' or 'azuretable', not '{other}'."),
        };
        var connectionString = membership switch
        {
            ClusterMembership.Redis => Required(reader, RedisSetting, membership, "'127.0.0.1:6379' (StackExchange.Redis syntax; add ',password=...' if needed)"),
            ClusterMembership.AzureTable => Required(reader, AzureTableSetting, membership, "a storage account connection string ('DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...')"),
            _ => null,
        };
        if (membership != ClusterMembership.Localhost && database.Provider != DatabaseProvider.Postgres)
        {
            throw new SettingsException(
                $"{ClusteringSetting}={membership.ToString().ToLowerInvariant()} needs the shared database: set {DatabaseSettingsLoader.ProviderSetting}=postgres and {DatabaseSettingsLoader.PostgresSetting} (a silo's own SQLite file cannot be shared).");
        }

        return new ClusterSettings
        {
            Membership = membership,
            ConnectionString = connectionString,
            ClusterId = reader.Id("BOILERHOUSE_CLUSTER_ID", "boilerhouse"),
            ServiceId = reader.Id("BOILERHOUSE_SERVICE_ID", "boilerhouse"),
            AdvertisedAddress = AdvertisedAddress(reader),
            ProbeTimeout = TimeSpan.FromSeconds(reader.Int("BOILERHOUSE_CLUSTER_PROBE_TIMEOUT_SECONDS", 2, 1, 60)),
            MissedProbes = reader.Int("BOILERHOUSE_CLUSTER_MISSED_PROBES", 2, 1, 10),
            DeathVotes = reader.Int("BOILERHOUSE_CLUSTER_DEATH_VOTES", 2, 1, 10),
        };
    }

    private static string Required(SettingsReader reader, string key, ClusterMembership membership, string example)
    {
        var value = reader.String(key, "");
        return value.Length > 0
            ? value
            : throw new SettingsException($"{ClusteringSetting}={membership.ToString().ToLowerInvariant()} needs {key}, {example}.");
    }

    private static IPAddress? AdvertisedAddress(SettingsReader reader)
    {
        const string key = "BOILERHOUSE_ADVERTISED_ADDRESS";
        var raw = reader.String(key, "");
        if (raw.Length == 0)
        {
            return null;
        }

        return IPAddress.TryParse(raw, out var address) && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)
            ? address
            : throw new SettingsException($"{key} must be the IP address other silos reach this one at (e.g. 10.0.0.5), got '{raw}'.");
    }
}
