namespace ReasoningServer.Reasoning.TestTime;

/// <summary>How several samples of one prompt become one answer.</summary>
public enum TestTimeStrategy
{
    /// <summary>Majority vote over the samples' extracted answers.</summary>
    SelfConsistency,

    /// <summary>The single best-scoring sample.</summary>
    BestOfN,
}
