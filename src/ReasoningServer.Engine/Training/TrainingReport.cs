namespace ReasoningServer.Engine.Training;

/// <summary>What a training run did.</summary>
/// <param name="TrainingTime">Wall time of the optimisation itself (model generation and export excluded).</param>
/// <param name="WindowTokens">Tokens processed, padding included (what the time was spent on).</param>
/// <param name="ExampleTokens">Tokens of the examples themselves.</param>
/// <param name="UntrainedTensors">Weights the run left bit for bit as they started (see <see cref="Training.UntrainedTensors"/>).</param>
public sealed record TrainingReport(
    IReadOnlyList<EpochResult> Epochs,
    TimeSpan TrainingTime,
    long WindowTokens,
    long ExampleTokens,
    long ParameterCount,
    IReadOnlyList<string> UntrainedTensors);
