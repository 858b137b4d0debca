using System.Text.RegularExpressions;
using ReasoningServer.Reasoning.TestTime;

namespace ReasoningServer.Serving;

/// <summary>A validated <c>test_time</c> request: how many samples, and how they become one choice.</summary>
/// <param name="Verifier">best_of_n with <c>regex_verifier</c>: the pattern a passing answer matches; else null.</param>
/// <param name="EarlyStop">self_consistency: cancel the unfinished samples once the vote is decided.</param>
internal sealed record TestTimePlan(TestTimeStrategy Strategy, int Samples, AnswerExtractor Extractor, Regex? Verifier, bool EarlyStop)
{
    public string StrategyName => Strategy == TestTimeStrategy.SelfConsistency ? "self_consistency" : "best_of_n";
}
