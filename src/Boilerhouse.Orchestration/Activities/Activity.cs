namespace Boilerhouse.Orchestration.Activities;

/// <summary>
/// One step of an orchestration. <see cref="Name"/> is what the instance's history records for the
/// step and what replay checks against it: once shipped it never changes, or stored instances could
/// not resume.
/// </summary>
public abstract class Activity<TIn, TOut>
{
    public abstract string Name { get; }

    /// <summary>What the step makes of the tenant's assignment, which its grain keeps a copy of (null: it leaves it alone).</summary>
    public virtual AssignmentWrite? WritesAssignment(TIn input) => null;

    /// <summary>
    /// False for a step a resumed instance may simply run again: it only decides from its input, or
    /// writes exactly what its input says (an upsert). Its checkpoint is then stored in the same
    /// transaction as the instance's next write instead of on its own, since a crash before then only
    /// makes the resumed instance run it again, with the same outcome and nothing to undo.
    /// </summary>
    public virtual bool CheckpointAtOnce => true;

    public abstract Task<TOut> RunAsync(TIn input, CancellationToken cancellationToken);
}
