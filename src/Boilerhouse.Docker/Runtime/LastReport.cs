namespace Boilerhouse.Docker.Runtime;

/// <summary>
/// Keeps the last value reported, on the reporting thread: <see cref="Progress{T}"/> would post it to
/// the thread pool, where it could arrive after the call that reported it has returned.
/// </summary>
internal sealed class LastReport<T> : IProgress<T>
    where T : class
{
    public T? Value { get; private set; }

    public void Report(T value) => Value = value;
}
