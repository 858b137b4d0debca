namespace ReasoningServer.Bench.Comparison;

/// <summary>One level of the comparison, as every target runs it: the model, the server's shape and the streams.</summary>
internal sealed record CompareLoad(string ModelPath, int ContextSize, int Parallel, int Streams, int PromptTokens, int GeneratedTokens);
