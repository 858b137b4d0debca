namespace ReasoningServer.Native;

/// <summary>A position in a sequence (C <c>llama_pos</c>, an <c>int32_t</c>). Blittable and ABI-identical to <see cref="int"/>.</summary>
public readonly record struct LlamaPos(int Value)
{
    /// <summary>Negative positions mean "unbounded" in the memory APIs (e.g. <c>p1 &lt; 0</c> means "to the end").</summary>
    public static LlamaPos Unbounded => new(-1);

    public static implicit operator int(LlamaPos pos) => pos.Value;

    public static explicit operator LlamaPos(int value) => new(value);

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
