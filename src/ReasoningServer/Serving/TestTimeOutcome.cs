using ReasoningServer.Protocol;

namespace ReasoningServer.Serving;

/// <summary>The one choice a test-time request returns, and the report of how it was chosen.</summary>
internal sealed record TestTimeOutcome(ChoiceAccumulator Choice, TestTimeResultDto Report);
