using ReasoningServer.Native;

namespace ReasoningServer.Engine.Training;

/// <summary>A tokenized example and, per position, the token the model is trained to predict there.</summary>
public sealed record TrainingExample(LlamaToken[] Tokens, LlamaToken[] Labels);
