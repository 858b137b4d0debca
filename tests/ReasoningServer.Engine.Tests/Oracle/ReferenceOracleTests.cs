using System.Text.Json.Nodes;
using ReasoningServer.Tests.Shared;

namespace ReasoningServer.Engine.Tests.Oracle;

/// <summary>The oracle script's contract: what a template sees when rendered, errors per case, token overrides, plain tokenizing.</summary>
public sealed class ReferenceOracleTests
{
    private static readonly JsonObject UserHi = new() { ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hi" }) };

    [Fact]
    public void Templates_see_the_variables_and_the_special_tokens_and_errors_stay_per_case()
    {
        var template = "{{ bos_token }}|{{ eos_token }}|{{ add_generation_prompt }}|{{ tools is none }}|{{ messages | length }}|{{ strftime_now('%Y') | length }}"
            + "{% if fail is defined %}{{ raise_exception('asked to fail') }}{% endif %}";

        var results = ReferenceOracle.Render(OracleTokenizer.DeepSeekV3, template, [UserHi, new JsonObject { ["fail"] = true }]);

        Assert.Equal("<｜begin▁of▁sentence｜>|<｜end▁of▁sentence｜>|false|true|1|4", results[0].Text);
        Assert.Equal(0, results[0].Ids![0]);
        Assert.Equal("asked to fail", results[1].Error);
    }

    [Fact]
    public void The_tokenizers_own_template_is_used_when_none_is_given()
    {
        var variables = (JsonObject)UserHi.DeepClone();
        variables["add_generation_prompt"] = true;
        variables["enable_thinking"] = false;

        var result = Assert.Single(ReferenceOracle.Render(OracleTokenizer.Qwen3, null, [variables]));

        Assert.Equal("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n", result.Text);
        Assert.Equal([151644, 872, 198, 13048, 151645, 198, 151644, 77091, 198, 151667, 271, 151668, 271], result.Ids);
    }

    [Fact]
    public void Token_overrides_make_r1s_think_tokens_and_texts_decode_back()
    {
        var v3 = Assert.Single(ReferenceOracle.Tokenize(OracleTokenizer.DeepSeekV3, ["a<think>b"], decode: true));
        var r1 = Assert.Single(ReferenceOracle.Tokenize(OracleTokenizer.DeepSeekR1, ["a<think>b"], decode: true));

        Assert.Equal([67, 128798, 68], r1.Ids);
        Assert.True(v3.Ids!.Count > 3);
        Assert.Equal("a<think>b", r1.Decoded);
        Assert.Equal("a<think>b", v3.Decoded);
    }
}
