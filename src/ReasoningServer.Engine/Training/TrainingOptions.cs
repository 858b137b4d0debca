using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Engine.Training;

/// <summary>How <see cref="TinyReasonerTrainer"/> trains; the defaults made the shipped model.</summary>
public sealed record TrainingOptions
{
    /// <summary>Seeds the initial weights, the training sums and the direct/thinking mix.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Passes; each draws fresh sums, so no example is seen twice.</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Context windows per epoch; one window (about two sums) is one optimizer step.</summary>
    public int WindowsPerEpoch { get; init; } = 900;

    /// <summary>Extra windows per epoch that are only evaluated (teacher-forced loss and accuracy).</summary>
    public int ValidationWindowsPerEpoch { get; init; } = 50;

    /// <summary>Share of sums trained as direct answers (an empty thinking section).</summary>
    public double DirectFraction { get; init; } = 0.25;

    public float PeakLearningRate { get; init; } = 7e-4f;

    /// <summary>The learning rate decays along a cosine to this share of the peak.</summary>
    public float FinalLearningRateFraction { get; init; } = 0.05f;

    public int WarmupSteps { get; init; } = 300;

    /// <summary>CPU threads for training; 0 = one per core.</summary>
    public int Threads { get; init; }

    /// <summary>
    /// Tokens per context window, filled with whole sums (an 8 + 8 digit sum with a final carry takes 143). llama.cpp
    /// pads a context to a multiple of 256 and trains on the padded size, so the window must be such a multiple.
    /// </summary>
    public int Window { get; init; } = 256;

    /// <summary>Held-out sums per digit count evaluated by greedy generation after training.</summary>
    public int EvaluationProblemsPerDigitCount { get; init; } = 50;

    /// <summary>Store the written matrices as F32 instead of F16 (twice the size; for weights too large for F16 activations).</summary>
    public bool WriteF32 { get; init; }

    /// <summary>A model file (ours, F16 or F32) to continue training from instead of fresh weights; its shape must match <see cref="Spec"/>.</summary>
    public string? ResumeFrom { get; init; }

    /// <summary>The architecture trained; about 1.1M parameters.</summary>
    public TinyModelSpec Spec { get; init; } = TinyReasonerModel.Spec;
}
