namespace ReasoningServer.Reasoning.History;

/// <summary>Which turns keep their reasoning in the prompt (the Responses API's <c>reasoning.context</c>).</summary>
public enum ReasoningContext
{
    /// <summary>Prior assistant turns lose their reasoning, as OpenAI discards it between turns (the default).</summary>
    CurrentTurn,

    /// <summary>Prior reasoning is kept in the prompt, inside the model's delimiters.</summary>
    AllTurns,
}
