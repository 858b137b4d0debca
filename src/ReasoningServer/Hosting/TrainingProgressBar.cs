using System.Globalization;
using ReasoningServer.Engine.Training;

namespace ReasoningServer.Hosting;

/// <summary>One console line, redrawn at most a few times a second: epoch, bar, loss, token accuracy, speed, ETA.</summary>
internal sealed class TrainingProgressBar : IProgress<TrainingProgress>
{
    private const int Width = 30;
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(250);

    private TimeSpan _lastDrawn = TimeSpan.MinValue;
    private int _lastEpoch;
    private bool _lastValidating;

    public void Report(TrainingProgress value)
    {
        var partChanged = value.Epoch != _lastEpoch || value.Validating != _lastValidating;
        if (!partChanged && value.Step != value.Steps && value.Elapsed - _lastDrawn < RedrawInterval)
        {
            return;
        }

        if (partChanged && _lastEpoch != 0)
        {
            Console.WriteLine();
        }

        _lastDrawn = value.Elapsed;
        _lastEpoch = value.Epoch;
        _lastValidating = value.Validating;
        var done = (int)(Width * value.Step / Math.Max(1, value.Steps));
        var bar = new string('=', done) + (done < Width ? ">" + new string(' ', Width - done - 1) : string.Empty);
        var part = value.Validating ? "validate" : "train   ";
        Console.Write(string.Create(CultureInfo.InvariantCulture,
            $"\repoch {value.Epoch}/{value.Epochs} {part} [{bar}] {value.Step}/{value.Steps} loss {value.Loss:0.0000} acc {value.Accuracy:0.0000} " +
            $"| {value.TokensPerSecond:0} tok/s | {value.Elapsed:hh\\:mm\\:ss} elapsed, ETA {value.Remaining:hh\\:mm\\:ss} "));
    }

    public void Finish() => Console.WriteLine();
}
