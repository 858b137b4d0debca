namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>A stretch of rendered text that came entirely from host data or entirely from the template.</summary>
/// <param name="Text">The characters.</param>
/// <param name="FromData">True when the host supplied them as data (<see cref="JinjaValue.Data"/>): they must
/// never be parsed as control tokens.</param>
public readonly record struct TextRun(string Text, bool FromData);
