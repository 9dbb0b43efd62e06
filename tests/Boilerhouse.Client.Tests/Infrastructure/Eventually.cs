namespace Boilerhouse.Client.Tests.Infrastructure;

/// <summary>Waits for a condition on the real parts, up to 90 s (the machine may be loaded).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}");
            await Task.Delay(200);
        }
    }

    /// <summary>Awaits a task, failing the test (instead of hanging) when it takes longer than the timeout.</summary>
    public static async Task<T> WithinAsync<T>(Task<T> task, string what, TimeSpan? timeout = null)
    {
        var finished = await Task.WhenAny(task, Task.Delay(timeout ?? TimeSpan.FromSeconds(90)));
        Assert.True(finished == task, $"Timed out waiting until {what}");
        return await task;
    }
}
