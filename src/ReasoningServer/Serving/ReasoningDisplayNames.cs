namespace ReasoningServer.Serving;

/// <summary>The wire names of <see cref="ReasoningDisplay"/>.</summary>
internal static class ReasoningDisplayNames
{
    public const string Accepted = "'hidden', 'reasoning_content' or 'raw'";

    public static bool TryParse(string? name, out ReasoningDisplay display)
    {
        display = name switch
        {
            "hidden" => ReasoningDisplay.Hidden,
            "reasoning_content" => ReasoningDisplay.ReasoningContent,
            "raw" => ReasoningDisplay.Raw,
            _ => (ReasoningDisplay)(-1),
        };
        return Enum.IsDefined(display);
    }
}
