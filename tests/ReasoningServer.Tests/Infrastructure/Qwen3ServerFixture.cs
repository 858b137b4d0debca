using System.Globalization;
using ReasoningServer.Tests.Shared;

namespace ReasoningServer.Tests.Infrastructure;

/// <summary>
/// The server on the tiny model with Qwen3's real tokenizer and chat template (random weights): tools, tool calls and
/// structured outputs through the model's own Jinja template and its real special tokens.
/// </summary>
public sealed class Qwen3ServerFixture : ServerFixture
{
    public const string Qwen3ModelId = "tiny-qwen3";

    /// <summary>The thinking budget of effort "low" here: small, so that forced closes happen within a test's tokens.</summary>
    public const int LowBudget = 12;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Model:Path"] = TinyRealTokenizerModel.Qwen3.EnsureBuilt(),
        ["Model:Id"] = Qwen3ModelId,
        ["Model:Reasoning:EffortBudgets:low"] = LowBudget.ToString(CultureInfo.InvariantCulture),
    };
}
