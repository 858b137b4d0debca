using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReasoningServer.Serving;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Templates;

/// <summary><c>Model:ChatTemplate</c> (<c>--chat-template</c>) replaces the model's own template: its text is what the model sees.</summary>
public sealed class ChatTemplateOverrideTests(ChatTemplateOverrideTests.OverrideServer server) : IClassFixture<ChatTemplateOverrideTests.OverrideServer>
{
    public const string Template = "{% for m in messages %}<|im_start|>{{ m.role | upper }}: {{ m.content | trim }}<|im_end|>\n{% endfor %}<|im_start|>assistant\n<think>\n";

    [Fact]
    public async Task The_configured_template_renders_the_prompt()
    {
        var body = new JsonObject
        {
            ["model"] = ServerFixture.ModelId,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "  Hello there  " }),
            ["max_completion_tokens"] = 2,
        };

        var (status, response, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);

        Assert.True(status == 200, response?.ToJsonString());
        var model = server.Services.GetRequiredService<ModelHost>().Current!;
        Assert.False(model.Template.IsFallback);
        Assert.Equal(Template, model.Template.Source);
        // As Jinja (keep_trailing_newline off), the template's one trailing newline is not output.
        var expected = model.Tokenizer.Tokenize("<|im_start|>USER: Hello there<|im_end|>\n<|im_start|>assistant\n<think>", addSpecial: true, parseSpecial: true);
        Assert.Equal(expected.Length, (int)response!["usage"]!["prompt_tokens"]!);
    }

    public sealed class OverrideServer : ServerFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Model:ChatTemplate"] = Template };
    }
}
