namespace ReasoningServer.Engine.Grammars;

/// <summary>
/// Bounds on what one schema may make of a grammar, so a huge or hostile schema is refused with a clear
/// <see cref="UnsupportedSchemaException"/> instead of becoming a grammar that llama.cpp takes seconds to build or
/// sample from.
/// </summary>
public sealed record JsonSchemaGrammarLimits
{
    /// <summary>The defaults: generous for real tool and response schemas.</summary>
    public static JsonSchemaGrammarLimits Default { get; } = new();

    /// <summary>Deepest nesting of schema objects (properties in items in anyOf ...).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Most grammar rules one schema may add.</summary>
    public int MaxRules { get; init; } = 4000;

    /// <summary>Most values in one <c>enum</c>.</summary>
    public int MaxEnumValues { get; init; } = 2000;

    /// <summary>Most alternatives one union may have after <c>allOf</c> distributes over <c>anyOf</c>.</summary>
    public int MaxAlternatives { get; init; } = 256;

    /// <summary>Largest finite <c>minLength</c>/<c>maxLength</c>/<c>minItems</c>/<c>maxItems</c>/regex count.
    /// llama.cpp expands a bounded repetition into one rule per step, so a bound costs rules linearly.</summary>
    public int MaxRepetition { get; init; } = 10_000;
}
