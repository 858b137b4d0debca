namespace ReasoningServer.Reasoning.Tools;

/// <summary>Whether undecided text starts with a marker.</summary>
internal enum MarkerMatch
{
    /// <summary>The text does not start with the marker.</summary>
    None,

    /// <summary>The text is a proper prefix of the marker, so more text may complete it.</summary>
    Partial,

    /// <summary>The text starts with the whole marker.</summary>
    Full,
}
