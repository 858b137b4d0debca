using System.Text.Json;
using ReasoningServer.Engine.Text.Jinja;

namespace ReasoningServer.Engine.Tests.Text.Jinja;

/// <summary>Renders a template with variables written as JSON: every top-level property becomes a variable
/// through <see cref="JinjaValue.FromJson"/>, so all its strings are data.</summary>
internal static class JinjaRender
{
    public static readonly DateTimeOffset FixedNow = new(2024, 7, 26, 9, 5, 3, TimeSpan.Zero);

    public static RenderedText Rendered(string template, string variablesJson = "{}", JinjaRenderOptions? options = null) =>
        JinjaTemplate.Parse(template).Render(Variables(variablesJson), options ?? new JinjaRenderOptions { Clock = () => FixedNow });

    public static string Text(string template, string variablesJson = "{}", JinjaRenderOptions? options = null) =>
        Rendered(template, variablesJson, options).ToString();

    public static Dictionary<string, JinjaValue> Variables(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => JinjaValue.FromJson(p.Value));
    }
}
