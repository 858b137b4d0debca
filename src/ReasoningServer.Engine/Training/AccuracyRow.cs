namespace ReasoningServer.Engine.Training;

/// <summary>Greedy accuracy on the held-out sums of one digit count.</summary>
/// <param name="MeanReasoningTokens">Mean reasoning tokens of the thinking attempts.</param>
/// <param name="SelfClosedShare">Share of thinking attempts whose <c>&lt;/think&gt;</c> the model wrote itself.</param>
public sealed record AccuracyRow(int Digits, int Problems, double ThinkingAccuracy, double DirectAccuracy, double MeanReasoningTokens, double SelfClosedShare);
