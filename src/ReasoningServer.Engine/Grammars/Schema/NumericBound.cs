namespace ReasoningServer.Engine.Grammars.Schema;

/// <summary>A <c>minimum</c>/<c>maximum</c> (<paramref name="Exclusive"/> false) or an exclusive one.</summary>
internal readonly record struct NumericBound(decimal Value, bool Exclusive);
