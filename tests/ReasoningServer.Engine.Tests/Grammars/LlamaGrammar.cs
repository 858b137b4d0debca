using System.Runtime.InteropServices;
using System.Text;
using ReasoningServer.Engine.Tests.Infrastructure;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Tests.Grammars;

/// <summary>
/// A GBNF grammar loaded into the real llama.cpp grammar sampler of the tiny model, whose vocabulary is one token
/// per byte: <see cref="Matches"/> feeds a text through it byte by byte, asking llama.cpp at each step whether the
/// next byte is allowed, and finally whether the grammar may end.
/// </summary>
internal sealed unsafe class LlamaGrammar : IDisposable
{
    private static readonly delegate* unmanaged<nint, LlamaTokenDataArray*, void> SamplerApply = LoadApply();

    private readonly TinyModelFixture _fixture;
    private readonly nint _sampler;

    public LlamaGrammar(TinyModelFixture fixture, string grammar)
    {
        _fixture = fixture;
        _sampler = NativeMethods.llama_sampler_init_grammar(fixture.Model.Handle.Vocab, grammar, "root");
        if (_sampler == nint.Zero)
        {
            throw new InvalidOperationException("llama.cpp refused the grammar:\n" + grammar);
        }
    }

    /// <summary>Whether llama.cpp's grammar accepts exactly <paramref name="text"/>.</summary>
    public bool Matches(string text)
    {
        NativeMethods.llama_sampler_reset(_sampler);
        foreach (var token in _fixture.Model.Tokenizer.Tokenize(text, addSpecial: false, parseSpecial: false))
        {
            if (!Allows(token))
            {
                return false;
            }

            NativeMethods.llama_sampler_accept(_sampler, token);
        }

        return Allows(NativeMethods.llama_vocab_eos(_fixture.Model.Handle.Vocab));
    }

    public void Dispose() => NativeMethods.llama_sampler_free(_sampler);

    private bool Allows(LlamaToken token)
    {
        var candidate = new LlamaTokenData(token, 0f, 1f);
        var array = new LlamaTokenDataArray { data = &candidate, size = 1, selected = -1 };
        SamplerApply(_sampler, &array);
        return !float.IsNegativeInfinity(array.data[0].logit);
    }

    private static delegate* unmanaged<nint, LlamaTokenDataArray*, void> LoadApply()
    {
        // Our binding has no llama_sampler_apply; the library is already loaded, so take the export from it.
        LlamaNativeLibrary.EnsureInitialized();
        var library = NativeLibrary.Load(Path.Combine(LlamaNativeLibrary.Directory!, LlamaNativeLibrary.LlamaFileName));
        return (delegate* unmanaged<nint, LlamaTokenDataArray*, void>)NativeLibrary.GetExport(library, "llama_sampler_apply");
    }
}
