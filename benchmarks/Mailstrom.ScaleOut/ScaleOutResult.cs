using System.Globalization;

namespace Mailstrom.ScaleOut;

/// <summary>One instance's part of a run: recipients its SMTP transactions delivered (from its log), its CPU seconds when
/// the sink had counted every email, and its CPU seconds when the sink counted the first one (start-up), so
/// <c>CpuSeconds - CpuSecondsAtFirstDelivery</c> is the cost of delivering.</summary>
internal sealed record InstanceShare(string Name, long Delivered, long NotDelivered, double CpuSeconds, double CpuSecondsAtFirstDelivery);

/// <summary>What one run measured.</summary>
internal sealed record ScaleOutResult(
    int Instances,
    int Emails,
    double SubmittedPerSecond,
    long SinkCount,
    int DeliveredInStore,
    bool AllFinal,
    TimeSpan? FirstToLast,
    TimeSpan? LaunchToLast,
    IReadOnlyList<InstanceShare> PerInstance,
    IReadOnlyList<double> AzuriteCpuSeconds,
    string LoadBefore,
    string LoadAfter)
{
    /// <summary>Azurite's CPU seconds while the instances delivered (all its processes), or NaN.</summary>
    public double AzuriteTotal => AzuriteCpuSeconds.Count == 0 ? double.NaN : AzuriteCpuSeconds.Sum();

    public bool AllDelivered => AllFinal && DeliveredInStore == Emails && SinkCount >= Emails;

    /// <summary>Recipients per second from the sink's first message to the one that completed the count.</summary>
    public double? DeliveredPerSecond => FirstToLast is { } t && t > TimeSpan.Zero ? (Emails - 1) / t.TotalSeconds : null;

    /// <summary>Recipients per second from launching the delivering instances to the sink's last needed message.</summary>
    public double? DeliveredPerSecondWithStartUp => LaunchToLast is { } t && t > TimeSpan.Zero ? Emails / t.TotalSeconds : null;

    /// <summary>Recipients delivered more than once, by the instances' logs.</summary>
    public long Duplicates => PerInstance.Sum(p => p.Delivered) - Emails;

    /// <summary>Messages the sink counted beyond one per email.</summary>
    public long SinkDuplicates => SinkCount - Emails;

    public void Print(TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Instances} delivering instance(s): submitted {Emails} at {SubmittedPerSecond:F0}/s; sink counted {SinkCount}; list API: {DeliveredInStore} Delivered, all final: {AllFinal}; duplicates {Duplicates} (logs), {SinkDuplicates} (sink)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  delivered {Rate(DeliveredPerSecond)} recipients/s from the first to the last delivery ({FirstToLast?.TotalSeconds:F1} s), {Rate(DeliveredPerSecondWithStartUp)}/s including start-up ({LaunchToLast?.TotalSeconds:F1} s)"));
        output.WriteLine($"  per instance (from its log): {Shares()}; Azurite {Cpu(AzuriteTotal)} CPU s{AzuriteSplit()}; load average {LoadBefore} before, {LoadAfter} after");
        var deliveringCpu = PerInstance.Sum(p => p.CpuSeconds - p.CpuSecondsAtFirstDelivery);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  CPU ms per recipient: app {1000 * PerInstance.Sum(p => p.CpuSeconds) / Emails:F1} ({1000 * deliveringCpu / Emails:F1} from the first delivery on), Azurite {1000 * AzuriteTotal / Emails:F1}"));
    }

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Instances} | {SubmittedPerSecond:F0} | {Rate(DeliveredPerSecond)} | {Rate(DeliveredPerSecondWithStartUp)} | {Shares()} | {Duplicates} / {SinkDuplicates} | {Cpu(AzuriteTotal)}{AzuriteSplit()} | {LoadBefore} → {LoadAfter} |");

    private string Shares() => string.Join(", ", PerInstance.Select(p => string.Create(CultureInfo.InvariantCulture,
        $"{p.Name} {p.Delivered}{(p.NotDelivered > 0 ? $" (+{p.NotDelivered} not delivered)" : string.Empty)} ({Cpu(p.CpuSeconds)} CPU s)")));

    private string AzuriteSplit() => AzuriteCpuSeconds.Count > 1 ? $" ({string.Join(" + ", AzuriteCpuSeconds.Select(Cpu))})" : string.Empty;

    private static string Rate(double? rate) => rate is { } r ? r.ToString("F0", CultureInfo.InvariantCulture) : "n/a";

    private static string Cpu(double seconds) => double.IsNaN(seconds) ? "n/a" : seconds.ToString("F1", CultureInfo.InvariantCulture);
}
