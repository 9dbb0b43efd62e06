using System.Diagnostics;

namespace Boilerhouse.Cli.Output;

/// <summary>A spinner with the elapsed time on the terminal while a long operation (a claim that waits, a release) runs.</summary>
internal static class ProgressLine
{
    private static readonly string[] Frames = ["|", "/", "-", "\\"];

    public static async Task<T> RunAsync<T>(TextWriter terminal, string what, Func<Task<T>> operation)
    {
        var watch = Stopwatch.StartNew();
        var task = operation();
        for (var frame = 0; !task.IsCompleted; frame++)
        {
            terminal.Write($"\r{Frames[frame % Frames.Length]} {what} ({watch.Elapsed.TotalSeconds:0}s)");
            await Task.WhenAny(task, Task.Delay(200));
        }

        terminal.Write("\r" + new string(' ', what.Length + 16) + "\r");
        return await task;
    }
}
