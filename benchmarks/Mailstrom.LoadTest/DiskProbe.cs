using System.Diagnostics;

namespace Mailstrom.LoadTest;

/// <summary>
/// Measures the disk's own <c>fsync</c> latency beside the run: a dedicated thread writes 4 KiB to a file in the given
/// directory (the app's database directory) and flushes it to disk, every 10 ms. Every accept waits for a commit's
/// <c>fsync</c>, so when the disk stalls, this shows it in the same run.
/// </summary>
internal sealed class DiskProbe : IDisposable
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(10);
    private readonly FileStream _file;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly byte[] _block = new byte[4096];

    /// <summary>Starts probing with a file in <paramref name="directory"/>, deleted when the probe is disposed.</summary>
    public DiskProbe(string directory)
    {
        _file = new FileStream(
            Path.Combine(directory, "disk-probe.bin"), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0,
            FileOptions.DeleteOnClose);
        _thread = new Thread(Probe) { IsBackground = true, Name = "disk probe" };
        _thread.Start();
    }

    /// <summary>How long each write-and-flush took.</summary>
    public LatencyRecorder Latency { get; } = new();

    /// <summary>Stops the probe after the flush under way.</summary>
    public void Stop()
    {
        _stop.Set();
        _thread.Join();
    }

    public void Dispose()
    {
        Stop();
        _file.Dispose();
        _stop.Dispose();
    }

    private void Probe()
    {
        while (!_stop.Wait(Pause))
        {
            var t0 = Stopwatch.GetTimestamp();
            _file.Position = 0;
            _file.Write(_block);
            _file.Flush(flushToDisk: true);
            Latency.Record(Stopwatch.GetTimestamp() - t0);
        }
    }
}
