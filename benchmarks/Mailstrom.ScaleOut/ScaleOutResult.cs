using System.Globalization;

namespace Mailstrom.ScaleOut;

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
    IReadOnlyList<(string Name, long Delivered)> PerInstance)
{
    public bool AllDelivered => AllFinal && DeliveredInStore == Emails && SinkCount >= Emails;

    /// <summary>Recipients per second from the sink's first message to the one that completed the count.</summary>
    public double? DeliveredPerSecond => FirstToLast is { } t && t > TimeSpan.Zero ? (Emails - 1) / t.TotalSeconds : null;

    public double? DeliveredPerSecondWithStartUp => LaunchToLast is { } t && t > TimeSpan.Zero ? Emails / t.TotalSeconds : null;

    public long Duplicates => PerInstance.Sum(p => p.Delivered) - Emails;

    public void Print(TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Instances} instance(s): submitted {Emails} at {SubmittedPerSecond:F0}/s; {Duplicates} duplicate deliveries (logs); sink counted {SinkCount}; store says {DeliveredInStore} Delivered, all final: {AllFinal}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  delivered {Rate(DeliveredPerSecond)} recipients/s from the first to the last delivery ({FirstToLast?.TotalSeconds:F1} s), {Rate(DeliveredPerSecondWithStartUp)}/s including start-up ({LaunchToLast?.TotalSeconds:F1} s)"));
        output.WriteLine("  per instance (from its log): " + Shares());
    }

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Instances} | {SubmittedPerSecond:F0} | {Rate(DeliveredPerSecond)} | {Rate(DeliveredPerSecondWithStartUp)} | {Shares()} | {Duplicates} |");

    private string Shares() => string.Join(", ", PerInstance.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.Delivered}")));

    private static string Rate(double? rate) => rate is { } r ? r.ToString("F0", CultureInfo.InvariantCulture) : "n/a";
}
