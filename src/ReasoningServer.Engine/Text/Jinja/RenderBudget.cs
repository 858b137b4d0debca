namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>The runaway limits of one render and how much of them is used.</summary>
internal sealed class RenderBudget(int maxStringLength, long maxSteps, int maxDepth)
{
    private long _steps;
    private int _depth;

    public int MaxStringLength { get; } = maxStringLength;

    public int MaxDepth { get; } = maxDepth;

    /// <summary>For formatting values outside a render (debug output): only the depth is bounded.</summary>
    public static RenderBudget Unbounded() => new(int.MaxValue, long.MaxValue, 200);

    public void Step() => Steps(1);

    public void Steps(long count)
    {
        _steps += count;
        if (_steps > maxSteps)
        {
            throw new JinjaRenderException($"The template ran more than {maxSteps} steps; it may loop without end.");
        }
    }

    public TextBuilder NewBuilder() => new(MaxStringLength);

    public void CheckLength(long length)
    {
        if (length > MaxStringLength)
        {
            throw new JinjaRenderException($"The rendered text would exceed {MaxStringLength} characters.");
        }
    }

    /// <summary>Guards walks of nested values (tojson, equality, printing) against deep or cyclic values.</summary>
    public void CheckValueDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new JinjaRenderException($"A value nests deeper than {MaxDepth} levels (or contains itself).");
        }
    }

    public void EnterCall(string name)
    {
        if (++_depth > MaxDepth)
        {
            _depth--;
            throw new JinjaRenderException($"Calls nest deeper than {MaxDepth} levels (in {name}); the template may recurse without end.");
        }
    }

    public void ExitCall() => _depth--;
}
