namespace Mailstrom.Storage.Sqlite;

/// <summary>
/// The writer thread: one dedicated thread runs every group commit, so the statements and the fsync of a commit never
/// block a thread-pool thread (on a small machine those are few, and requests and deliveries queue behind them), and
/// callers only await their write's completion instead of taking turns on the write lock.
/// </summary>
public sealed partial class SqliteMailstromStore
{
    private readonly AutoResetEvent _writerWake = new(false);
    private readonly Lock _writerStart = new();
    private Thread? _writerThread;

    /// <summary>Starts the writer thread on first use and wakes it; after disposal, fails whatever is queued.</summary>
    private void WakeWriter()
    {
        if (_writerThread is null)
        {
            lock (_writerStart)
            {
                if (_writerThread is null && !_disposed)
                {
                    var thread = new Thread(RunWriter) { IsBackground = true, Name = "Mailstrom SQLite writer" };
                    thread.Start();
                    _writerThread = thread;
                }
            }
        }

        if (_disposed)
        {
            FailQueuedWrites();
            return;
        }

        _writerWake.Set();
    }

    private void RunWriter()
    {
        while (true)
        {
            _writerWake.WaitOne();
            if (_disposed)
            {
                FailQueuedWrites();
                return;
            }

            _writeLock.Wait();
            try
            {
                while (!_pendingWrites.IsEmpty && !_disposed)
                {
                    CommitQueuedWrites();
                }
            }
            finally
            {
                _writeLock.Release();
            }
        }
    }

    /// <summary>Stops the writer thread after the commit under way, if any; queued writes fail as disposed.</summary>
    private void StopWriter()
    {
        Thread? thread;
        lock (_writerStart)
        {
            thread = _writerThread;
        }

        _writerWake.Set();
        thread?.Join();
        FailQueuedWrites();
    }

    private void FailQueuedWrites()
    {
        while (_pendingWrites.TryDequeue(out var write))
        {
            write.Fail(new ObjectDisposedException(GetType().FullName));
        }
    }
}
