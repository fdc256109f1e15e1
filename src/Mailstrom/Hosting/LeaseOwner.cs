using System.Diagnostics;
using System.Globalization;

namespace Mailstrom.Hosting;

/// <summary>
/// Who holds a lease: this machine's name, the process id, the process's start time and a per-worker instance id,
/// written as <c>machine/pid/startTicks/instance</c>. A restarted process tells from it whether a lease's owner is
/// gone: a process on this machine that no longer runs (or whose id now belongs to a process started at another time).
/// An owner on another machine is never judged gone here; its leases simply expire.
/// </summary>
internal static class LeaseOwner
{
    /// <summary>The owner name of a worker in this process.</summary>
    /// <returns>A new owner name (each worker its own instance).</returns>
    public static string ForThisProcess()
    {
        using var self = Process.GetCurrentProcess();
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.MachineName}/{Environment.ProcessId}/{self.StartTime.ToUniversalTime().Ticks}/{Guid.NewGuid():N}");
    }

    /// <summary>
    /// Whether <paramref name="owner"/> is gone: on this machine (<paramref name="machine"/>), and its process is not running,
    /// or another process now has its id.
    /// </summary>
    /// <param name="owner">A lease's owner name.</param>
    /// <param name="machine">This machine's name.</param>
    /// <param name="processStartTicks">The start time (UTC ticks) of the running process with an id; 0 when it runs but its
    /// start time cannot be read; <see langword="null"/> when none runs with it.</param>
    /// <returns><see langword="true"/> only when the owner is known to be gone.</returns>
    public static bool IsGone(string owner, string machine, Func<int, long?> processStartTicks)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(processStartTicks);
        var parts = owner.Split('/');
        if (parts.Length < 3 || !string.Equals(parts[0], machine, StringComparison.OrdinalIgnoreCase)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        if (processStartTicks(pid) is not { } running)
        {
            return true;
        }

        // Names written before the start time was part of them (machine/pid/instance) cannot tell a reused id apart.
        return running != 0 && parts.Length >= 4
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var started) && started != running;
    }

    /// <summary>The start time (UTC ticks) of the process running with <paramref name="pid"/>; 0 when it runs but its start
    /// time cannot be read; <see langword="null"/> when none runs.</summary>
    /// <param name="pid">A process id.</param>
    /// <returns>Its start time, or <see langword="null"/>.</returns>
    public static long? RunningProcessStartTicks(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime().Ticks;
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return 0;
        }
    }
}
