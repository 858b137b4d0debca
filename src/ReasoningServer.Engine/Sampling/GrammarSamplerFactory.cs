using System.Runtime.InteropServices;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Sampling;

/// <summary>Creates llama.cpp grammar samplers for a <see cref="GrammarConstraint"/>. Reads the vocabulary only, so any thread may call it.</summary>
public static unsafe class GrammarSamplerFactory
{
    /// <exception cref="LlamaException">llama.cpp did not accept the grammar (it logs the reason).</exception>
    public static SafeLlamaSamplerHandle Create(GrammarConstraint constraint, nint vocab)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        if (!constraint.IsLazy)
        {
            return SafeLlamaSamplerHandle.FromOwned(NativeMethods.llama_sampler_init_grammar(vocab, constraint.Gbnf, constraint.Root), "grammar sampler");
        }

        var patterns = new nint[constraint.TriggerPatterns.Count];
        try
        {
            for (var i = 0; i < patterns.Length; i++)
            {
                patterns[i] = Marshal.StringToCoTaskMemUTF8(constraint.TriggerPatterns[i]);
            }

            var tokens = constraint.TriggerTokens.ToArray();
            fixed (nint* patternPtr = patterns)
            fixed (LlamaToken* tokenPtr = tokens)
            {
                return SafeLlamaSamplerHandle.FromOwned(NativeMethods.llama_sampler_init_grammar_lazy_patterns(
                    vocab, constraint.Gbnf, constraint.Root, (byte**)patternPtr, (nuint)patterns.Length, tokenPtr, (nuint)tokens.Length), "lazy grammar sampler");
            }
        }
        finally
        {
            foreach (var pattern in patterns)
            {
                Marshal.FreeCoTaskMem(pattern);
            }
        }
    }
}
