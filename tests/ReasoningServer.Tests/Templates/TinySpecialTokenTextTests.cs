using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Templates;

/// <summary><see cref="SpecialTokenTextScenario"/> on the default tiny test model (byte-level vocabulary, llama.cpp's built-in ChatML family).</summary>
[Collection(ServerCollection.Name)]
public sealed class TinySpecialTokenTextTests(ServerFixture server) : SpecialTokenTextScenario(server, ServerFixture.ModelId);
