using Microsoft.Extensions.Logging;

namespace Gis.Desktop;

/// <summary>
/// The workstation's logging: every warning and error with its whole exception to the GIS log
/// (<see cref="GisLog"/>), and a single line on the console for the workstation's own messages only, so the
/// terminal running <c>gis desktop</c> never shows a stack trace (ADR 0019).
/// </summary>
internal sealed class GisLogLoggerProvider(TextWriter console) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, console);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, TextWriter console) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            var message = formatter(state, exception);
            var log = exception is null ? null : GisLog.Write($"gis desktop: {category}: {message}", exception);
            // The host's own messages (a failed start, a bad request) reach the user through gis desktop's one line.
            if (category.StartsWith("Gis.", StringComparison.Ordinal))
                console.WriteLine($"gis desktop: {message}{(log is null ? "" : $" (details in {log})")}");
        }
    }
}
