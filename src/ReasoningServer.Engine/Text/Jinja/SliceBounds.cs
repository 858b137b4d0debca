namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>Python's slice arithmetic: clamps start and stop to the sequence and resolves negative indices.</summary>
internal static class SliceBounds
{
    public static (long Start, long Stop, long Step) Resolve(int length, JinjaValue? start, JinjaValue? stop, JinjaValue? step)
    {
        var by = Index(step) ?? 1;
        if (by == 0)
        {
            throw new JinjaRenderException("Slice step cannot be zero.");
        }

        long Clamp(long? value, long fallback, long low, long high)
        {
            if (value is not { } v)
            {
                return fallback;
            }

            if (v < 0)
            {
                v += length;
            }

            return Math.Clamp(v, low, high);
        }

        return by > 0
            ? (Clamp(Index(start), 0, 0, length), Clamp(Index(stop), length, 0, length), by)
            : (Clamp(Index(start), length - 1, -1, length - 1), Clamp(Index(stop), -1, -1, length - 1), by);
    }

    private static long? Index(JinjaValue? value) => value switch
    {
        null or NoneValue or UndefinedValue => null,
        IntegerValue integer => integer.Value,
        BooleanValue boolean => boolean.Value ? 1 : 0,
        _ => throw new JinjaRenderException($"Slice indices must be integers or none, not '{value.TypeName}'."),
    };
}
