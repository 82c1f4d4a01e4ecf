namespace Store.Tests.Support;

/// <summary>Calls released at the same moment, for the tests of what happens when they race.</summary>
public static class Race
{
    /// <summary>Releases every call at once (each continues on its own pool thread) and returns their results in order.</summary>
    public static async Task<T[]> AtOnceAsync<T>(params Func<Task<T>>[] calls)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = calls.Select(async call =>
        {
            await go.Task;
            return await call();
        }).ToArray();
        go.SetResult();
        return await Task.WhenAll(running);
    }
}
