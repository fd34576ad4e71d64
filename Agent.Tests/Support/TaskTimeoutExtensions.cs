namespace Agent.Tests.Support;

/// <summary>Bounded waits: no test awaits anything without a limit.</summary>
public static class TaskTimeoutExtensions
{
    /// <summary>The limit of a wait that names none.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Waits for <paramref name="task"/> at most <paramref name="timeout"/> (default 15 s).</summary>
    public static Task<T> WithTimeout<T>(this Task<T> task, TimeSpan? timeout = null) => task.WaitAsync(timeout ?? DefaultTimeout);

    /// <summary>Waits for <paramref name="task"/> at most <paramref name="timeout"/> (default 15 s).</summary>
    public static Task WithTimeout(this Task task, TimeSpan? timeout = null) => task.WaitAsync(timeout ?? DefaultTimeout);

    /// <summary>Polls <paramref name="condition"/> until it holds, failing after <paramref name="timeout"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string because = "")
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met in time. {because}");
            }

            await Task.Delay(25).ConfigureAwait(false);
        }
    }
}
