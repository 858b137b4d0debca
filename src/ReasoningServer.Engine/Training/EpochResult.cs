namespace ReasoningServer.Engine.Training;

/// <summary>Teacher-forced loss and token accuracy of one epoch, over every position (prompt and padding included).</summary>
public sealed record EpochResult(double TrainLoss, double TrainAccuracy, double ValidationLoss, double ValidationAccuracy);
