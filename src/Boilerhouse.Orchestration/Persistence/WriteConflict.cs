using Npgsql;

namespace Boilerhouse.Orchestration.Persistence;

/// <summary>A transaction the database gave up on because another one held what it needed (deadlock, serialization failure): nothing was written, try again another way.</summary>
public static class WriteConflict
{
    public static bool Is(Exception? ex) => ex switch
    {
        null => false,
        PostgresException pg => pg.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure,
        _ => Is(ex.InnerException),
    };
}
