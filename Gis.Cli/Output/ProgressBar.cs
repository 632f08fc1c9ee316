namespace Gis.Cli.Output;

/// <summary>
/// A one-line progress bar on standard error, redrawn in place. Drawn only for a person at a terminal: when output
/// is redirected (scripts, CI, pipes) or JSON is asked for, it stays silent so the output stays machine-readable.
/// </summary>
internal sealed class ProgressBar : IProgress<long>, IDisposable
{
    private const int Width = 30;
    private readonly TextWriter _error;
    private readonly string _label;
    private readonly long _total;
    private int _lastPercent = -1;

    private ProgressBar(TextWriter error, string label, long total)
    {
        _error = error;
        _label = label.Length > 40 ? "..." + label[^37..] : label;
        _total = Math.Max(total, 1);
    }

    /// <summary>A bar for a real terminal, or null (no progress reporting at all) otherwise.</summary>
    public static ProgressBar? ForTerminal(TextWriter error, string label, long totalBytes, bool json) =>
        json || Console.IsOutputRedirected || Console.IsErrorRedirected || error != Console.Error
            ? null
            : new ProgressBar(error, label, totalBytes);

    public void Report(long value)
    {
        var percent = (int)Math.Clamp(value * 100 / _total, 0, 100);
        if (percent == _lastPercent)
            return;
        _lastPercent = percent;
        var filled = percent * Width / 100;
        _error.Write($"\r{_label} [{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}%");
    }

    public void Dispose()
    {
        if (_lastPercent >= 0)
            _error.Write("\r" + new string(' ', _label.Length + Width + 8) + "\r");
    }
}
