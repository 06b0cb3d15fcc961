using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ApiAuth.Tests.Authorizers.TestSupport;

/// <summary>Keeps every log entry, at every level, for assertions on what was (and was not) logged.</summary>
internal sealed class ListLogger : ILogger
{
    public ConcurrentQueue<Entry> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue(new Entry(logLevel, eventId.Id, formatter(state, exception), exception));

    /// <summary>Everything logged, exceptions included, as one text to search.</summary>
    public string Text => string.Join('\n', Entries.Select(e => $"{e.Level} {e.EventId} {e.Message} {e.Exception}"));

    public sealed record Entry(LogLevel Level, int EventId, string Message, Exception? Exception);
}
