using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Mailstrom.Server.Tests.Hostile;

/// <summary>One captured entry: <see cref="Line"/> is what a sink writes of it besides the exception.</summary>
/// <param name="Level">The level (<see cref="LogLevel.None"/> for a scope that began).</param>
/// <param name="Category">The logger's category.</param>
/// <param name="Line">Event id and name, rendered message, every structured value and every scope.</param>
/// <param name="Values">The structured values (not the message template) and the scopes' values, as a sink renders them.</param>
/// <param name="Exception">The exception, if any.</param>
internal sealed record CapturedLogEntry(LogLevel Level, string Category, string Line, IReadOnlyList<string> Values, Exception? Exception)
{
    /// <summary>Everything a sink could write: the line and the exception with its stack.</summary>
    public string Text => Exception is null ? Line : $"{Line} | {Exception}";
}

/// <summary>
/// Captures every log entry at every level with everything a sink could write: category, rendered message, every
/// structured value, every scope, and the exception with its stack.
/// </summary>
internal sealed class FullLogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLogEntry> _entries = new();

    public IReadOnlyList<CapturedLogEntry> Entries => [.. _entries];

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
            owner._entries.Enqueue(new CapturedLogEntry(LogLevel.None, category, "scope: " + Render(state), Values(state), null));
            return new Pop(scopes, state);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new StringBuilder()
                .Append(eventId.Id).Append(' ').Append(eventId.Name).Append(": ")
                .Append(formatter(state, exception)).Append(" | ").Append(Render(state));
            var values = Values(state).ToList();
            foreach (var scope in _scopes.Value ?? [])
            {
                text.Append(" | scope ").Append(Render(scope));
                values.AddRange(Values(scope));
            }

            owner._entries.Enqueue(new CapturedLogEntry(logLevel, category, text.ToString(), values, exception));
        }

        private static IReadOnlyList<string> Values(object? state) => state is IEnumerable<KeyValuePair<string, object?>> values
            ? [.. values.Where(v => v.Key != "{OriginalFormat}").Select(v => v.Value?.ToString() ?? string.Empty)]
            : [state?.ToString() ?? string.Empty];

        private static string Render(object? state) => state is IEnumerable<KeyValuePair<string, object?>> values
            ? string.Join("; ", values.Select(v => $"{v.Key}={v.Value}"))
            : state?.ToString() ?? string.Empty;

        private sealed class Pop(List<object> scopes, object state) : IDisposable
        {
            public void Dispose() => scopes.Remove(state);
        }
    }
}
