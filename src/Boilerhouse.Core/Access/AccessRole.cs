namespace Boilerhouse.Core.Access;

/// <summary>What an API key may do: admin everything; operator all but keys; tenant its own tenants; reader every GET but keys.</summary>
public enum AccessRole
{
    Admin,
    Operator,
    Tenant,
    Reader,
}
