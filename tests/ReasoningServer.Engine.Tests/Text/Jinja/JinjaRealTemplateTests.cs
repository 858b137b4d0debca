using System.Text.Json;
using ReasoningServer.Engine.Text.Jinja;

namespace ReasoningServer.Engine.Tests.Text.Jinja;

/// <summary>
/// Parses every model chat template (*.jinja) in the folder named by REASONINGSERVER_JINJA_TEMPLATES and renders a
/// fixed conversation with each. Byte-for-byte comparison with @huggingface/jinja is the oracle harness's job;
/// this checks that nothing fails to parse or render (a template's own raise_exception is accepted).
/// </summary>
public sealed class JinjaRealTemplateTests
{
    private const string FolderVariable = "REASONINGSERVER_JINJA_TEMPLATES";

    private const string Conversation = """
        {
          "bos_token": "<s>", "eos_token": "</s>", "add_generation_prompt": true, "date_string": "26 Jul 2024",
          "functions": "[]", "datetime": "2024-07-26",
          "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Weather for a city.",
            "parameters": {"type": "object", "properties": {"city": {"type": "string", "description": "City"}}, "required": ["city"]}}}],
          "messages": [
            {"role": "system", "content": "You are helpful."},
            {"role": "user", "content": "Weather in 東京? 🌧"},
            {"role": "assistant", "content": "",
             "tool_calls": [{"id": "abc123def", "type": "function", "function": {"name": "get_weather", "arguments": {"city": "Tokyo"}}}]},
            {"role": "tool", "tool_call_id": "abc123def", "content": "rain"},
            {"role": "assistant", "content": "It rains."},
            {"role": "user", "content": "Thanks"}
          ]
        }
        """;

    public static TheoryData<string> Templates()
    {
        var data = new TheoryData<string>();
        var folder = Environment.GetEnvironmentVariable(FolderVariable);
        if (!string.IsNullOrEmpty(folder) && Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.jinja").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(file));
            }
        }

        if (data.Count == 0)
        {
            // A placeholder row that skips with the reason, so the run says why nothing was checked.
            data.Add(string.Empty);
        }

        return data;
    }

    [SkippableTemplateTheory]
    [MemberData(nameof(Templates))]
    public void Real_template_parses_and_renders(string file)
    {
        var source = File.ReadAllText(Path.Combine(Environment.GetEnvironmentVariable(FolderVariable)!, file));
        var template = JinjaTemplate.Parse(source);
        using var document = JsonDocument.Parse(Conversation);
        var variables = document.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Name is "bos_token" or "eos_token" ? JinjaValue.String(p.Value.GetString()!) : JinjaValue.FromJson(p.Value));
        try
        {
            var rendered = template.Render(variables, new JinjaRenderOptions { Clock = () => JinjaRender.FixedNow });
            Assert.Contains("Thanks", rendered.ToString());
        }
        catch (JinjaRaisedException)
        {
            // The template refused this conversation on purpose (a role or tool-call id it does not support).
        }
    }

    /// <summary>A theory that skips, with the reason, when no template folder is configured.</summary>
    private sealed class SkippableTemplateTheoryAttribute : TheoryAttribute
    {
        public SkippableTemplateTheoryAttribute()
        {
            var folder = Environment.GetEnvironmentVariable(FolderVariable);
            if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder) || !Directory.EnumerateFiles(folder, "*.jinja").Any())
            {
                Skip = $"Set {FolderVariable} to a folder of model chat templates (*.jinja) to run this check.";
            }
        }
    }
}
