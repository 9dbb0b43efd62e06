using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Orchestration.Activities;

/// <summary>
/// How a step changes the tenant's assignment: to a value it knows (its grain takes it, no read), or in
/// a way only the database knows (its grain reads it back after the instance). A step that leaves the
/// assignment alone has none.
/// </summary>
public sealed record AssignmentWrite
{
    private AssignmentWrite(bool known, TenantRecord? value) => (Known, Value) = (known, value);

    public static readonly AssignmentWrite Unknown = new(false, null);

    public bool Known { get; }

    public TenantRecord? Value { get; }

    public static AssignmentWrite To(TenantRecord? value) => new(true, value);
}
