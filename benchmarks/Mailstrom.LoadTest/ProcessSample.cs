using System.Globalization;

namespace Mailstrom.LoadTest;

/// <summary>CPU time and peak resident memory of a process, read from /proc (Linux).</summary>
/// <param name="CpuSeconds">User plus system CPU seconds since the process started.</param>
/// <param name="PeakRssMegabytes">VmHWM: the largest resident set so far, in MiB.</param>
internal sealed record ProcessSample(double CpuSeconds, double PeakRssMegabytes)
{
    public static ProcessSample? Read(int? pid, int clockTicks)
    {
        if (pid is not { } id || !File.Exists($"/proc/{id}/stat"))
        {
            return null;
        }

        // Fields after the command name (which may hold spaces) start at field 3; utime and stime are fields 14 and 15.
        var stat = File.ReadAllText($"/proc/{id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        var hwm = File.ReadLines($"/proc/{id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kb = hwm is null ? 0 : long.Parse(hwm.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return new ProcessSample((double)ticks / clockTicks, kb / 1024.0);
    }

    /// <summary>How long the process has been running (from its start time in /proc and the system's uptime).</summary>
    public static TimeSpan? Uptime(int? pid, int clockTicks)
    {
        if (pid is not { } id || !File.Exists($"/proc/{id}/stat"))
        {
            return null;
        }

        // starttime (field 22) is in clock ticks since boot; /proc/uptime's first figure is seconds since boot.
        var stat = File.ReadAllText($"/proc/{id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var started = double.Parse(fields[19], CultureInfo.InvariantCulture) / clockTicks;
        var now = double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(now - started);
    }
}
