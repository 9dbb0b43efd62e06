namespace Boilerhouse.Orchestration.Persistence;

/// <summary>
/// The database could not be reached while a grain served a call: what the caller receives in place
/// of the driver's exception (see <see cref="DatabaseOutageCallFilter"/>). Serializable by Orleans,
/// so it crosses silos; <see cref="DatabaseUnavailable.Is"/> recognises it.
/// </summary>
[GenerateSerializer]
public sealed class DatabaseUnavailableException : Exception
{
    public DatabaseUnavailableException()
        : base("The database cannot be reached right now; retry after the Retry-After header.")
    {
    }
}
