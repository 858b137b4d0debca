using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Templates;

/// <summary><see cref="SpecialTokenTextScenario"/> on Qwen3's real tokenizer and Jinja template.</summary>
[Collection(Qwen3ServerCollection.Name)]
public sealed class Qwen3SpecialTokenTextTests(Qwen3ServerFixture server) : SpecialTokenTextScenario(server, Qwen3ServerFixture.Qwen3ModelId);
