namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>A macro or caller parameter and its default, evaluated at each call that omits it.</summary>
internal sealed record Parameter(string Name, Expression? Default);
