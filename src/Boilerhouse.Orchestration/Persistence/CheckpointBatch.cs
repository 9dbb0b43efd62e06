using System.Linq.Expressions;

namespace Boilerhouse.Orchestration.Persistence;

/// <summary>
/// The changes of several writes (orchestration checkpoints, audit entries) staged on one context,
/// saved as one transaction by <see cref="GroupCommit"/>. An instance is changed through a key-only
/// stub: only the properties a write sets are updated, so a checkpoint needs no read first.
/// </summary>
public sealed class CheckpointBatch(BoilerhouseDb db)
{
    private readonly Dictionary<string, OrchestrationRecord> _instances = [];

    /// <summary>Inserts a new instance (without its steps).</summary>
    public void Add(OrchestrationRecord record)
    {
        var copy = new OrchestrationRecord
        {
            InstanceId = record.InstanceId, Name = record.Name, TenantId = record.TenantId, PoolId = record.PoolId, InputJson = record.InputJson,
            RuntimeStatus = record.RuntimeStatus, CustomStatus = record.CustomStatus, OutputJson = record.OutputJson, ErrorCode = record.ErrorCode,
            ErrorMessage = record.ErrorMessage, CreatedTime = record.CreatedTime, LastUpdatedTime = record.LastUpdatedTime,
        };
        db.Orchestrations.Add(copy);
        _instances[copy.InstanceId] = copy;
    }

    /// <summary>Inserts a step row; a copy, so a batch retried write by write never reuses a key a failed one was given.</summary>
    public void Add(OrchestrationStepRecord step) => db.OrchestrationSteps.Add(new OrchestrationStepRecord
    {
        InstanceId = step.InstanceId, Sequence = step.Sequence, Name = step.Name, Attempt = step.Attempt, StartedAt = step.StartedAt,
        EndedAt = step.EndedAt, Outcome = step.Outcome, Error = step.Error, OutputJson = step.OutputJson,
    });

    /// <summary>Inserts an audit entry; a copy, as for steps, since its id is generated.</summary>
    public void Add(AuditRecord entry) => db.AuditLog.Add(new AuditRecord
    {
        Time = entry.Time, KeyId = entry.KeyId, KeyName = entry.KeyName, Action = entry.Action, Target = entry.Target,
        Status = entry.Status, ClientAddress = entry.ClientAddress,
    });

    /// <summary>Sets one column of an instance; later writes of the batch win, as they would one transaction after another.</summary>
    public void Set<T>(string instanceId, Expression<Func<OrchestrationRecord, T>> column, T value)
    {
        var entry = db.Entry(Instance(instanceId));
        var property = entry.Property(column);
        property.CurrentValue = value;
        if (entry.State != Microsoft.EntityFrameworkCore.EntityState.Added)
        {
            // Set even when the value equals the stub's default (Pending, null): the row may hold another.
            property.IsModified = true;
        }
    }

    private OrchestrationRecord Instance(string instanceId)
    {
        if (!_instances.TryGetValue(instanceId, out var stub))
        {
            stub = new OrchestrationRecord { InstanceId = instanceId, Name = "" };
            db.Orchestrations.Attach(stub);
            _instances[instanceId] = stub;
        }

        return stub;
    }
}
