using System.Globalization;

namespace Mailstrom.ScaleOut;

/// <summary>CPU seconds of a process from /proc (Linux), and the load average.</summary>
internal static class ProcessCpu
{
    /// <summary>USER_HZ: the unit of /proc/PID/stat's times on Linux (100 everywhere .NET runs).</summary>
    private const double ClockTicks = 100;

    /// <summary>User plus system CPU seconds the process has used so far; NaN when it cannot be read.</summary>
    public static double Seconds(int pid)
    {
        try
        {
            // Fields after the command name (which may hold spaces) start at field 3; utime and stime are fields 14 and 15.
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicks;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return double.NaN;
        }
    }

    /// <summary>The 1-, 5- and 15-minute load averages, as /proc/loadavg prints them.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
