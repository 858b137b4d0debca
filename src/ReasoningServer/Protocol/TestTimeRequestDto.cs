namespace ReasoningServer.Protocol;

/// <summary>
/// Extension: test-time compute inside one request. Several samples of the prompt run in one batch (the prompt
/// evaluated once, distinct seeds) and become one choice, by majority vote or by best score.
/// </summary>
internal sealed class TestTimeRequestDto
{
    /// <summary><c>self_consistency</c> (majority vote) | <c>best_of_n</c> (best score).</summary>
    public string? Strategy { get; set; }

    /// <summary>How many samples to run (1..the server's <c>Generation:MaxTestTimeSamples</c>).</summary>
    public int? Samples { get; set; }

    /// <summary>How the final answer is found in each sample's visible answer.</summary>
    public TestTimeAnswerDto? Answer { get; set; }

    /// <summary>best_of_n: <c>mean_logprob</c> (default) | <c>regex_verifier</c> (samples matching <see cref="VerifierPattern"/> first, then logprob).</summary>
    public string? Score { get; set; }

    /// <summary>The pattern a sample's visible answer must match to pass <c>regex_verifier</c>.</summary>
    public string? VerifierPattern { get; set; }

    /// <summary>self_consistency: stop the remaining samples once the vote cannot change.</summary>
    public bool? EarlyStop { get; set; }
}
