namespace ReasoningServer.Engine.Scheduling;

/// <summary>Counters since the engine started, for tests, benchmarks and logs.</summary>
/// <param name="Sequences">Sequences admitted to a slot (each choice of <c>n &gt; 1</c> counts).</param>
/// <param name="PromptTokensEvaluated">Prompt tokens that went through llama_decode; a prompt shared by n choices counts once.</param>
/// <param name="PromptTokensCached">Prompt tokens whose KV was reused from a slot or restored from host memory.</param>
/// <param name="HostCacheSaves">Evicted prefixes saved to host memory.</param>
/// <param name="HostCacheRestores">Prefixes restored from host memory into a slot.</param>
/// <param name="HostCacheBytes">Bytes the host-memory prefix cache holds now.</param>
public sealed record EngineStatistics(
    long Sequences,
    long PromptTokensEvaluated,
    long PromptTokensCached,
    long HostCacheSaves,
    long HostCacheRestores,
    long HostCacheBytes);
