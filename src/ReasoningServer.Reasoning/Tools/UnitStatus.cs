namespace ReasoningServer.Reasoning.Tools;

/// <summary>Where reading one call (a "unit": the text from a start marker to the end of one call) stands.</summary>
internal enum UnitStatus
{
    NeedMore,

    /// <summary>Not a call of a declared tool; decided before anything of it was sent.</summary>
    Rejected,

    /// <summary>The call (if one was committed) has ended normally.</summary>
    Ended,

    /// <summary>The committed call's text turned invalid; the rest of it is to be skipped.</summary>
    Broken,
}
