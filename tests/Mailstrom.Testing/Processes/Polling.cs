using System.Diagnostics;

namespace Mailstrom.Testing.Processes;

/// <summary>Waits for a condition that another process makes true, checking it every 50 ms, for a bounded time.</summary>
public static class Polling
{
    /// <summary>Polls <paramref name="condition"/> until it holds.</summary>
    /// <param name="condition">The check; it may throw to end the wait early (a process that exited, say).</param>
    /// <param name="within">The longest wait.</param>
    /// <param name="what">What is awaited, for the timeout message.</param>
    /// <exception cref="TimeoutException">It did not hold within <paramref name="within"/>.</exception>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > within)
            {
                throw new TimeoutException($"Timed out after {within} waiting for {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
