namespace ReasoningServer.Serving;

/// <summary>The wire names of <see cref="ReasoningDisplay"/>.</summary>
internal static class ReasoningDisplayNames
{
    public const string Accepted = "'hidden', 'reasoning_content' or 'raw'";

    public static bool TryParse(string? name, out ReasoningDisplay display)
    {
        (var known, display) = name switch
        {
            "hidden" => (true, ReasoningDisplay.Hidden),
            "reasoning_content" => (true, ReasoningDisplay.ReasoningContent),
            "raw" => (true, ReasoningDisplay.Raw),
            _ => (false, default),
        };
        return known;
    }
}
