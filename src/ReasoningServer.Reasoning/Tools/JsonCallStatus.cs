namespace ReasoningServer.Reasoning.Tools;

/// <summary>Where reading a call's JSON stands after the text so far.</summary>
internal enum JsonCallStatus
{
    NeedMore,

    /// <summary>Before the call was committed, the text turned out not to be a call of a declared tool.</summary>
    Rejected,

    /// <summary>The JSON value closed; the text after it is back in the scan buffer.</summary>
    Closed,

    /// <summary>After the call was committed, its JSON turned out invalid.</summary>
    Broken,
}
