using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Orchestration.Activities;

/// <summary>
/// How a step changes the tenant's assignment: not at all, to a value it knows (its grain takes it, no
/// read), or in a way only the database knows (its grain reads it back after the instance).
/// </summary>
public sealed record AssignmentWrite(bool Changes, bool Known, TenantRecord? Value)
{
    public static readonly AssignmentWrite None = new(false, false, null);

    public static readonly AssignmentWrite Unknown = new(true, false, null);

    public static AssignmentWrite To(TenantRecord? value) => new(true, true, value);
}
