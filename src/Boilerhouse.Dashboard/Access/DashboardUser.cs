namespace Boilerhouse.Dashboard.Access;

/// <summary>Who looks at the dashboard: the key's id, name and role ("admin", "operator" or "reader").</summary>
public sealed record DashboardUser(string KeyId, string Name, string Role)
{
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Reader = "reader";

    /// <summary>The viewer when the API is open (loopback without keys): everything is allowed.</summary>
    public static readonly DashboardUser Open = new("open", "open access", Admin);

    public static readonly IReadOnlyList<string> Roles = [Admin, Operator, Reader];

    /// <summary>Operators and admins see actions (release, sync, cordon, terminate); readers only look.</summary>
    public bool MayAct => Role is Admin or Operator;

    public bool IsAdmin => Role == Admin;
}
