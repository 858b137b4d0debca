namespace ReasoningServer.Native;

/// <summary>A sequence id (C <c>llama_seq_id</c>, an <c>int32_t</c>). Blittable and ABI-identical to <see cref="int"/>.</summary>
public readonly record struct LlamaSeqId(int Value)
{
    /// <summary>Negative sequence ids mean "all sequences" in the memory APIs.</summary>
    public static LlamaSeqId All => new(-1);

    public static implicit operator int(LlamaSeqId seqId) => seqId.Value;

    public static explicit operator LlamaSeqId(int value) => new(value);

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
