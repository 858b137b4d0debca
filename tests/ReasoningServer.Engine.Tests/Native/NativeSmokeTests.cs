using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Tests.Native;

/// <summary>Proves the libraries are provisioned, loaded and callable through the binding (no model needed).</summary>
[Collection(LlamaNativeCollection.Name)]
public sealed unsafe class NativeSmokeTests
{
    public NativeSmokeTests() => LlamaNativeLibrary.Initialize(null, null);

    [Fact]
    public void Initialize_is_idempotent_and_exposes_the_library_folder()
    {
        LlamaNativeLibrary.Initialize(null, null);
        LlamaNativeLibrary.Initialize(LlamaNativeLibrary.Directory, null);

        Assert.True(LlamaNativeLibrary.IsInitialized);
        string directory = Assert.IsType<string>(LlamaNativeLibrary.Directory);
        Assert.True(File.Exists(Path.Combine(directory, LlamaNativeLibrary.LlamaFileName)));
        Assert.NotEmpty(Directory.GetFiles(directory, "libggml-cpu-*.so"));
    }

    [Fact]
    public void Initialize_from_another_folder_after_initialization_throws()
    {
        string other = Path.Combine(Path.GetTempPath(), "not-the-llama-folder-" + Guid.NewGuid().ToString("N"));
        Assert.Throws<InvalidOperationException>(() => LlamaNativeLibrary.Initialize(other, null));
    }

    [Fact]
    public void Explicit_folder_without_libraries_is_rejected_with_a_clear_message()
    {
        string empty = Path.Combine(Path.GetTempPath(), "empty-llama-folder-" + Guid.NewGuid().ToString("N"));
        var ex = Assert.Throws<LlamaException>(() => LlamaNativeLibrary.ResolveDirectory(empty));
        Assert.Contains(LlamaNativeLibrary.LlamaFileName, ex.Message);
    }

    [Fact]
    public void Every_NativeMethods_entry_point_is_exported()
    {
        string directory = LlamaNativeLibrary.Directory!;
        nint llama = NativeLibrary.Load(Path.Combine(directory, LlamaNativeLibrary.LlamaFileName));
        nint ggml = NativeLibrary.Load(Path.Combine(directory, LlamaNativeLibrary.GgmlFileName));
        string[] names = typeof(NativeMethods)
            .GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(m => m.Name)
            .Distinct()
            .ToArray();

        Assert.True(names.Length >= 60);
        string[] missing = names
            .Where(n => !NativeLibrary.TryGetExport(n.StartsWith("ggml_", StringComparison.Ordinal) ? ggml : llama, n, out _))
            .ToArray();
        Assert.Empty(missing);
    }

    [Fact]
    public void System_info_reports_a_registered_cpu_backend()
    {
        byte* info = NativeMethods.llama_print_system_info();
        string text = Marshal.PtrToStringUTF8((nint)info) ?? string.Empty;

        // Only non-empty when ggml_backend_load_all_from_path registered a libggml-cpu-*.so before llama_backend_init.
        Assert.Contains("CPU", text);
    }

    [Fact]
    public void Time_us_is_monotonic()
    {
        long t0 = NativeMethods.llama_time_us();
        Thread.Sleep(2);
        long t1 = NativeMethods.llama_time_us();
        Assert.True(t0 > 0);
        Assert.True(t1 > t0);
    }

    [Fact]
    public void Sampler_chain_owns_added_samplers()
    {
        using SafeLlamaSamplerHandle chain = SafeLlamaSamplerHandle.CreateChain(NativeMethods.llama_sampler_chain_default_params());
        using SafeLlamaSamplerHandle topK = SafeLlamaSamplerHandle.FromOwned(NativeMethods.llama_sampler_init_top_k(40));
        using SafeLlamaSamplerHandle temp = SafeLlamaSamplerHandle.FromOwned(NativeMethods.llama_sampler_init_temp(0.7f));
        using SafeLlamaSamplerHandle dist = SafeLlamaSamplerHandle.FromOwned(NativeMethods.llama_sampler_init_dist(1234));

        chain.Add(topK);
        chain.Add(temp);
        chain.Add(dist);

        Assert.True(topK.IsClosed);
        Assert.True(dist.IsClosed);
        chain.Reset();
        Assert.Throws<ObjectDisposedException>(() => chain.Add(topK));
    }

    [Fact]
    public void Builtin_chat_template_formats_messages()
    {
        byte[] role = "user\0"u8.ToArray();
        byte[] content = "hi\0"u8.ToArray();
        byte[] buffer = new byte[256];
        fixed (byte* r = role)
        fixed (byte* c = content)
        fixed (byte* b = buffer)
        {
            var message = new LlamaChatMessage(r, c);
            int n = NativeMethods.llama_chat_apply_template("chatml", &message, 1, 1, b, buffer.Length);
            Assert.InRange(n, 1, buffer.Length);
            Assert.Equal("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n", Encoding.UTF8.GetString(b, n));
        }
    }

    [Fact]
    public void Loading_a_missing_model_throws_LlamaException()
    {
        string path = Path.Combine(Path.GetTempPath(), "missing-" + Guid.NewGuid().ToString("N") + ".gguf");
        var ex = Assert.Throws<LlamaException>(() => SafeLlamaModelHandle.LoadFromFile(path, NativeMethods.llama_model_default_params()));
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void Native_log_output_reaches_the_sink_as_whole_lines()
    {
        var lines = new ConcurrentQueue<(LlamaLogLevel Level, string Text)>();
        string path = Path.Combine(Path.GetTempPath(), "garbage-" + Guid.NewGuid().ToString("N") + ".gguf");
        File.WriteAllBytes(path, "this is not a gguf file, just some bytes"u8.ToArray());
        LlamaNativeLibrary.SetLogSink((level, text) => lines.Enqueue((level, text)));
        try
        {
            var ex = Assert.Throws<LlamaException>(() => SafeLlamaModelHandle.LoadFromFile(path, NativeMethods.llama_model_default_params()));
            Assert.Contains("llama_model_load_from_file", ex.Message);
        }
        finally
        {
            LlamaNativeLibrary.SetLogSink(null);
            File.Delete(path);
        }

        Assert.Contains(lines, l => l.Level == LlamaLogLevel.Error);
        Assert.All(lines, l => Assert.DoesNotContain('\n', l.Text));
        Assert.All(lines, l => Assert.NotEqual(LlamaLogLevel.Cont, l.Level));
    }

    [Fact]
    public void Partial_log_messages_are_joined_into_lines()
    {
        var lines = new List<(LlamaLogLevel Level, string Text)>();
        LlamaNativeLibrary.SetLogSink((level, text) => lines.Add((level, text)));
        try
        {
            LlamaNativeLibrary.AppendLog(LlamaLogLevel.Info, "hello ");
            LlamaNativeLibrary.AppendLog(LlamaLogLevel.Cont, "world");
            LlamaNativeLibrary.AppendLog(LlamaLogLevel.Cont, "!\n");
            LlamaNativeLibrary.AppendLog(LlamaLogLevel.Warn, "a\nb");
            LlamaNativeLibrary.AppendLog(LlamaLogLevel.Error, "c\n\n");
        }
        finally
        {
            LlamaNativeLibrary.SetLogSink(null);
        }

        Assert.Equal(
            [(LlamaLogLevel.Info, "hello world!"), (LlamaLogLevel.Warn, "a"), (LlamaLogLevel.Warn, "b"), (LlamaLogLevel.Error, "c")],
            lines);
    }
}
