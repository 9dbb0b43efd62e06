namespace Boilerhouse.Cli;

/// <summary>Exit codes scripts can rely on.</summary>
internal static class CliExitCodes
{
    public const int Ok = 0;

    /// <summary>The API answered with a problem (its code is printed) or could not be reached.</summary>
    public const int ApiError = 1;

    /// <summary>The command line (or the config file) is wrong.</summary>
    public const int Usage = 2;

    /// <summary>
    /// The request succeeded but reports a failure: a command run in a container (<c>tenants exec</c>,
    /// <c>containers exec</c>) exited non-zero or timed out (its exact exit code is in the --json
    /// output), or <c>tenants verify</c> found the saved state not intact.
    /// </summary>
    public const int CommandFailed = 3;
}

/// <summary>A wrong command line or config file, found after parsing: exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
