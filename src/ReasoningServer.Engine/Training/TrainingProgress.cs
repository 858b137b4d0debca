namespace ReasoningServer.Engine.Training;

/// <summary>Where training stands, reported after every step.</summary>
/// <param name="Validating">True while the epoch's held-back sums are evaluated (no weight updates).</param>
/// <param name="Loss">Mean cross-entropy per position so far in this epoch part (prompt and padding included).</param>
/// <param name="Accuracy">Share of positions whose most likely token was the label, so far in this epoch part.</param>
/// <param name="TokensPerSecond">Window tokens processed per second since training started.</param>
public sealed record TrainingProgress(
    int Epoch,
    int Epochs,
    bool Validating,
    long Step,
    long Steps,
    double Loss,
    double Accuracy,
    double TokensPerSecond,
    TimeSpan Elapsed,
    TimeSpan Remaining);
