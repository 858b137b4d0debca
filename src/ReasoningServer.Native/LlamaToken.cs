namespace ReasoningServer.Native;

/// <summary>A vocabulary token id (C <c>llama_token</c>, an <c>int32_t</c>). Blittable and ABI-identical to <see cref="int"/>.</summary>
public readonly record struct LlamaToken(int Value)
{
    /// <summary><c>LLAMA_TOKEN_NULL</c>.</summary>
    public static LlamaToken Null => new(-1);

    public bool IsNull => Value < 0;

    public static implicit operator int(LlamaToken token) => token.Value;

    public static explicit operator LlamaToken(int value) => new(value);

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
