using ReasoningServer.Engine.Gguf;

namespace ReasoningServer.Engine.Training;

/// <summary>
/// Finds the weights a training run left exactly as they started. llama.cpp builds whose training graph reads
/// attention from the KV cache never pass a gradient to <c>attn_k</c> / <c>attn_v</c> (the prebuilt npm libraries
/// are such a build; <c>native/llama.cpp/build.sh</c> patches it), and the run then learns nothing useful while
/// its loss still falls. Comparing the files makes that visible instead of silent.
/// </summary>
public static class UntrainedTensors
{
    /// <summary>The one weight no llama.cpp build trains: <c>llama_opt_init</c> leaves the token embedding out ("FIXME" upstream).</summary>
    public const string NeverTrainedByLlamaCpp = "token_embd.weight";

    /// <summary>Names of the tensors whose every value is identical in both files (same names and shapes assumed).</summary>
    public static IReadOnlyList<string> Find(string beforePath, string afterPath)
    {
        var before = GgufTensorReader.Open(beforePath);
        var after = GgufTensorReader.Open(afterPath);
        return before.TensorNames.Where(name => Unchanged(before, after, name)).Order(StringComparer.Ordinal).ToArray();
    }

    private static bool Unchanged(GgufTensorReader before, GgufTensorReader after, string name)
    {
        var dims = before.Dimensions(name);
        var rows = dims.Skip(1).Aggregate(1L, (product, d) => product * d);
        var a = new float[dims[0]];
        var b = new float[dims[0]];
        for (long row = 0; row < rows; row++)
        {
            before.ReadRow(name, row, a);
            after.ReadRow(name, row, b);
            if (!a.AsSpan().SequenceEqual(b))
            {
                return false;
            }
        }

        return true;
    }
}
