using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Mailstrom.Server.Tests.Infrastructure;

/// <summary>Collects every log entry into a queue a test can inspect: the rendered message, and the exception with its stack when there is one.</summary>
internal sealed class QueueLoggerProvider(ConcurrentQueue<(LogLevel Level, EventId EventId, string Message)> entries) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new QueueLogger(entries);

    public void Dispose()
    {
    }

    private sealed class QueueLogger(ConcurrentQueue<(LogLevel, EventId, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((logLevel, eventId, exception is null ? formatter(state, exception) : $"{formatter(state, exception)} | {exception}"));
    }
}
