using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiAuth.AspNetCore.Tests.Sample;

/// <summary>The sample's demo-token authorizer throws for an unknown token: its author can see why, the token stays out.</summary>
public sealed class SampleAuthorizerLogTests
{
    [Test]
    public async Task Boom_token_logs_one_error_with_the_exception_type_and_message_and_no_token()
    {
        var logs = new Entries();
        await using var factory = new SampleFactory().WithWebHostBuilder(builder =>
            builder.ConfigureServices(services => services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))));
        using var client = factory.CreateClient();

        var answer = await SampleFactory.GetAsync(client, "/reports", "boom");

        var withException = logs.All.Where(e => e.Level == LogLevel.Error && e.Exception is not null).ToList();
        var text = string.Join('\n', logs.All.Select(e => $"{e.Category} {e.Message} {e.Exception}"));
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(500));
            Assert.That(answer.ErrorType, Is.EqualTo("AuthorizerConfigurationException"));
            Assert.That(withException, Has.Count.EqualTo(1), text);
            Assert.That(withException[0].Exception, Is.InstanceOf<InvalidOperationException>());
            Assert.That(withException[0].Exception!.Message, Is.EqualTo("The demo authorizer only knows allow, deny and unauthorized."));
            Assert.That(withException[0].Message, Does.Contain("demo-token"));
            Assert.That(logs.All.Where(e => e.Level == LogLevel.Error).Select(e => e.Message), Has.Some.Contain("500").And.Some.Contain("AuthorizerException"), "the 500 decision itself is an Error");
            Assert.That(text, Does.Not.Contain("boom"));
        });
    }

    private sealed class Entries : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message, Exception? Exception)> All { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, All);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string, Exception?)> all) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                all.Enqueue((category, logLevel, formatter(state, exception), exception));
        }
    }
}
