using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ApiAuth.AspNetCore.Tests;

/// <summary>
/// Keeps every log line it is given, with its category, level, structured values and exception, and every scope
/// opened, as a structured (JSON) provider would write them. It filters nothing itself: what it sees is what the
/// host's logging configuration lets through to any provider.
/// </summary>
public sealed class ListLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, Messages);

    public void Dispose()
    {
    }

    private static string Values<TState>(TState state) =>
        state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(pair => $"{pair.Key}={pair.Value}")) : "";

    private sealed class ListLogger(string category, ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            messages.Enqueue($"{category} scope {state} {Values(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue($"{category} {logLevel} {formatter(state, exception)} {Values(state)} {exception}");
    }
}
