using ReasoningServer.Engine.Text.Jinja;

namespace ReasoningServer.Engine.Text;

/// <summary>Template strings the host assembles from trusted markup and data, e.g. a history turn's thinking inside its delimiters.</summary>
public static class TemplateText
{
    /// <summary>One string whose pieces keep their own provenance: markup pieces may become control tokens, data pieces never.</summary>
    public static JinjaValue Concat(params (string Text, bool FromData)[] pieces)
    {
        var builder = new TextBuilder(int.MaxValue);
        foreach (var (text, fromData) in pieces)
        {
            builder.Append(text, fromData);
        }

        return builder.ToValue();
    }
}
