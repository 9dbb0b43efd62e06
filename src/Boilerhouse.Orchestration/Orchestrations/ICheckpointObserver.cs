namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>Told after each checkpoint of an instance (step 0: the instance was created). Production wiring observes nothing.</summary>
public interface ICheckpointObserver
{
    void Checkpointed(string orchestration, int step);
}

/// <summary>The production observer.</summary>
public sealed class NoCheckpointObserver : ICheckpointObserver
{
    public static readonly NoCheckpointObserver Instance = new();

    public void Checkpointed(string orchestration, int step)
    {
    }
}
