using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Mailstrom.Server.Tests.Hostile;

/// <summary>
/// Captures every log entry at every level with everything a sink could write: category, rendered message, every
/// structured value, every scope, and the exception with its stack.
/// </summary>
internal sealed class FullLogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Text)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Text)> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(FullLogCapture owner, string category) : ILogger
    {
        private readonly AsyncLocal<List<object>?> _scopes = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            var scopes = _scopes.Value ??= [];
            scopes.Add(state);
            owner._entries.Enqueue((LogLevel.None, category, "scope: " + Render(state)));
            return new Pop(scopes, state);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new StringBuilder()
                .Append(eventId.Id).Append(' ').Append(eventId.Name).Append(": ")
                .Append(formatter(state, exception)).Append(" | ").Append(Render(state));
            foreach (var scope in _scopes.Value ?? [])
            {
                text.Append(" | scope ").Append(Render(scope));
            }

            if (exception is not null)
            {
                text.Append(" | ").Append(exception);
            }

            owner._entries.Enqueue((logLevel, category, text.ToString()));
        }

        private static string Render(object? state) => state is IEnumerable<KeyValuePair<string, object?>> values
            ? string.Join("; ", values.Select(v => $"{v.Key}={v.Value}"))
            : state?.ToString() ?? string.Empty;

        private sealed class Pop(List<object> scopes, object state) : IDisposable
        {
            public void Dispose() => scopes.Remove(state);
        }
    }
}
