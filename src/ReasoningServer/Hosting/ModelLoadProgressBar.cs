using System.Globalization;

namespace ReasoningServer.Hosting;

/// <summary>
/// Shows how far a model load is, from llama.cpp's progress callback: a redrawn bar on an interactive console,
/// otherwise (a container's log, a pipe) a log line every quarter, since carriage returns only garble a log.
/// </summary>
internal sealed partial class ModelLoadProgressBar(ILogger logger, bool interactive)
{
    private const int Width = 40;
    private int _drawnPercent = -1;
    private int _loggedQuarter;

    public static ModelLoadProgressBar ForConsole(ILogger logger) => new(logger, !Console.IsOutputRedirected);

    /// <summary>Called on the loading thread with 0..1.</summary>
    public void Report(float progress)
    {
        var percent = Math.Clamp((int)(progress * 100), 0, 100);
        if (interactive)
        {
            if (percent != _drawnPercent)
            {
                _drawnPercent = percent;
                var done = Width * percent / 100;
                Console.Write(string.Create(CultureInfo.InvariantCulture, $"\rLoading the model [{new string('#', done)}{new string('.', Width - done)}] {percent,3}%"));
            }

            return;
        }

        var quarter = percent / 25;
        if (quarter > _loggedQuarter)
        {
            _loggedQuarter = quarter;
            LogProgress(logger, quarter * 25);
        }
    }

    /// <summary>Ends the bar's line, so the next log line starts on its own.</summary>
    public void Finish()
    {
        if (interactive && _drawnPercent >= 0)
        {
            Console.WriteLine();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loading the model: {Percent}%")]
    private static partial void LogProgress(ILogger logger, int percent);
}
