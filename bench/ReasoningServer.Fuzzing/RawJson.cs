using System.Text.Json.Nodes;

namespace ReasoningServer.Fuzzing;

/// <summary>
/// Text that no <see cref="JsonNode"/> can hold (NaN, 1e999, 10,000-deep nesting, lone surrogates): a mutation puts a
/// placeholder string in the tree and <see cref="Render"/> swaps the raw text in after serialization.
/// </summary>
public sealed class RawJson
{
    private readonly List<string> _texts = [];

    public JsonNode Placeholder(string rawText)
    {
        _texts.Add(rawText);
        return JsonValue.Create(Marker(_texts.Count - 1));
    }

    public string Render(JsonNode node)
    {
        var json = node.ToJsonString();
        for (var i = 0; i < _texts.Count; i++)
        {
            json = json.Replace($"\"{Marker(i)}\"", _texts[i], StringComparison.Ordinal);
        }

        return json;
    }

    private static string Marker(int index) => $"__fuzz_raw_{index}__";
}
