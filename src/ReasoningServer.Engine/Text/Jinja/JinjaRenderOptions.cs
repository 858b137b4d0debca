namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>
/// Per-render settings. Templates come from model files and data from users, so every render is bounded:
/// reaching a limit ends it with a <see cref="JinjaRenderException"/>.
/// </summary>
public sealed record JinjaRenderOptions
{
    /// <summary>The time <c>strftime_now</c> formats, in the offset it carries; null = the machine's local time.</summary>
    public Func<DateTimeOffset>? Clock { get; init; }

    /// <summary>Most characters in the output and in any one string built while rendering.</summary>
    public int MaxOutputChars { get; init; } = 64 * 1024 * 1024;

    /// <summary>Most evaluation steps (expressions, statements, loop iterations, items made by built-ins).</summary>
    public long MaxSteps { get; init; } = 20_000_000;

    /// <summary>Most nested macro calls, and most nesting of values walked by <c>tojson</c>, comparisons and printing.</summary>
    public int MaxDepth { get; init; } = 200;
}
