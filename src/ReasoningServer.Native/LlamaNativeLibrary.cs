using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace ReasoningServer.Native;

/// <summary>
/// Locates, loads and initializes the llama.cpp shared libraries once per process, and routes llama.cpp / ggml
/// log output to a managed sink.
/// </summary>
public static class LlamaNativeLibrary
{
    /// <summary>Environment variable naming a folder that already holds the libraries.</summary>
    public const string LibraryDirectoryEnvironmentVariable = "REASONINGSERVER_LLAMA_LIB_DIR";

    public const string LlamaFileName = "libllama.v0.5.0.so";
    public const string GgmlFileName = "libggml.v0.5.0.so";
    public const string GgmlBaseFileName = "libggml-base.so";

    private static readonly Lock s_initLock = new();
    private static readonly Lock s_logLock = new();
    private static readonly StringBuilder s_pendingLine = new();
    private static LlamaLogLevel s_pendingLevel = LlamaLogLevel.Info;
    private static volatile Action<LlamaLogLevel, string>? s_logSink;
    private static volatile string? s_directory;
    private static nint s_llamaLib;
    private static nint s_ggmlLib;
    private static nint s_ggmlBaseLib;
    private static bool s_resolverInstalled;

    /// <summary>The folder the libraries were loaded from; null before <see cref="Initialize"/>.</summary>
    public static string? Directory => s_directory;

    public static bool IsInitialized => s_directory is not null;

    /// <summary>
    /// Whether the loaded ggml restarts gradient accumulation at every optimizer step of <c>llama_opt_epoch</c>: our
    /// build (native/llama.cpp/build.sh) does and exports a symbol saying so; the prebuilt libraries sum the gradients
    /// of all earlier steps into every update, and training with them diverges.
    /// </summary>
    public static bool TrainsCorrectly =>
        s_ggmlBaseLib != nint.Zero && NativeLibrary.TryGetExport(s_ggmlBaseLib, "ggml_opt_resets_rebuilt_gradients", out _);

    /// <summary>
    /// Loads the libraries and initializes llama.cpp. Idempotent and thread-safe: later calls only replace the log
    /// sink (when <paramref name="logSink"/> is not null).
    /// </summary>
    /// <param name="libraryDirectory">
    /// Folder with <c>libllama.v0.5.0.so</c>, <c>libggml.v0.5.0.so</c>, <c>libggml-base.so</c> and the <c>libggml-cpu-*.so</c>
    /// backends. When null: <c>$REASONINGSERVER_LLAMA_LIB_DIR</c>, else the per-user cache folder
    /// (<see cref="NativeLibraryProvisioner.GetDefaultCacheDirectory"/>), provisioned with npm on first use.
    /// </param>
    /// <param name="logSink">Receives whole log lines (without the trailing newline). Null = discard llama.cpp output.</param>
    /// <exception cref="LlamaException">The folder is unusable, provisioning failed, or the libraries could not be loaded.</exception>
    /// <exception cref="InvalidOperationException">Already initialized from a different folder.</exception>
    public static void Initialize(string? libraryDirectory, Action<LlamaLogLevel, string>? logSink)
    {
        if (logSink is not null)
        {
            s_logSink = logSink;
        }

        lock (s_initLock)
        {
            if (s_directory is { } current)
            {
                // Empty means "not set" (the configuration's default), as in ResolveDirectory.
                if (!string.IsNullOrWhiteSpace(libraryDirectory) && !PathsEqual(current, Path.GetFullPath(libraryDirectory)))
                {
                    throw new InvalidOperationException(
                        $"llama.cpp is already loaded from '{current}'; it cannot be re-initialized from '{libraryDirectory}'.");
                }

                return;
            }

            string directory = ResolveDirectory(libraryDirectory);
            LoadLibraries(directory);
            if (!s_resolverInstalled)
            {
                // May only be set once per assembly; a retry after a failed initialization must not set it again.
                NativeLibrary.SetDllImportResolver(typeof(NativeMethods).Assembly, Resolve);
                s_resolverInstalled = true;
            }

            unsafe
            {
                // Install the logger first so backend loading is routed to the sink as well.
                NativeMethods.llama_log_set(&OnNativeLog, null);
            }

            NativeMethods.ggml_backend_load_all_from_path(directory);
            NativeMethods.llama_backend_init();
            s_directory = directory;
        }
    }

    /// <summary>Replaces the log sink (null = discard).</summary>
    public static void SetLogSink(Action<LlamaLogLevel, string>? logSink) => s_logSink = logSink;

    /// <summary>Initializes with defaults unless already initialized.</summary>
    internal static void EnsureInitialized()
    {
        if (s_directory is null)
        {
            Initialize(null, null);
        }
    }

    internal static string ResolveDirectory(string? explicitDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitDirectory))
        {
            return RequireComplete(Path.GetFullPath(explicitDirectory), "the libraryDirectory argument");
        }

        string? fromEnvironment = Environment.GetEnvironmentVariable(LibraryDirectoryEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return RequireComplete(Path.GetFullPath(fromEnvironment), $"${LibraryDirectoryEnvironmentVariable}");
        }

        return NativeLibraryProvisioner.EnsureProvisioned(NativeLibraryProvisioner.GetDefaultCacheDirectory());
    }

    private static string RequireComplete(string directory, string source)
    {
        if (!NativeLibraryProvisioner.IsComplete(directory))
        {
            throw new LlamaException(
                $"The llama.cpp library folder '{directory}' (from {source}) does not exist or lacks one of: " +
                $"{string.Join(", ", NativeLibraryProvisioner.RequiredFiles)}.");
        }

        return directory;
    }

    private static void LoadLibraries(string directory)
    {
        try
        {
            // Load in dependency order; RUNPATH=$ORIGIN would find them anyway, but this gives clearer errors.
            s_ggmlBaseLib = NativeLibrary.Load(Path.Combine(directory, GgmlBaseFileName));
            s_ggmlLib = NativeLibrary.Load(Path.Combine(directory, GgmlFileName));
            s_llamaLib = NativeLibrary.Load(Path.Combine(directory, LlamaFileName));
        }
        catch (DllNotFoundException ex)
        {
            throw new LlamaException($"Failed to load the llama.cpp libraries from '{directory}': {ex.Message}", ex);
        }
        catch (BadImageFormatException ex)
        {
            throw new LlamaException($"The llama.cpp libraries in '{directory}' are not loadable on this platform: {ex.Message}", ex);
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) => libraryName switch
    {
        NativeMethods.LlamaLibraryName => s_llamaLib,
        NativeMethods.GgmlLibraryName => s_ggmlLib,
        NativeMethods.GgmlBaseLibraryName => s_ggmlBaseLib,
        _ => nint.Zero,
    };

    private static bool PathsEqual(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b), StringComparison.Ordinal);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe void OnNativeLog(LlamaLogLevel level, byte* text, void* userData)
    {
        try
        {
            if (text == null)
            {
                return;
            }

            string chunk = Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;
            AppendLog(level, chunk);
        }
        catch
        {
            // Never let an exception unwind into native code.
        }
    }

    /// <summary>Accumulates partial messages (level CONT continues the previous one) and emits whole lines.</summary>
    internal static void AppendLog(LlamaLogLevel level, string chunk)
    {
        List<(LlamaLogLevel Level, string Line)>? lines = null;
        lock (s_logLock)
        {
            if (level != LlamaLogLevel.Cont)
            {
                if (s_pendingLine.Length > 0)
                {
                    (lines ??= []).Add((s_pendingLevel, s_pendingLine.ToString()));
                    s_pendingLine.Clear();
                }

                s_pendingLevel = level == LlamaLogLevel.None ? LlamaLogLevel.Info : level;
            }

            int start = 0;
            int newline;
            while ((newline = chunk.IndexOf('\n', start)) >= 0)
            {
                s_pendingLine.Append(chunk, start, newline - start);
                (lines ??= []).Add((s_pendingLevel, s_pendingLine.ToString()));
                s_pendingLine.Clear();
                start = newline + 1;
            }

            s_pendingLine.Append(chunk, start, chunk.Length - start);
        }

        Action<LlamaLogLevel, string>? sink = s_logSink;
        if (lines is null || sink is null)
        {
            return;
        }

        foreach ((LlamaLogLevel lineLevel, string line) in lines)
        {
            string trimmed = line.TrimEnd('\r');
            if (trimmed.Length == 0)
            {
                continue;
            }

            try
            {
                sink(lineLevel, trimmed);
            }
            catch
            {
                // A faulty sink must not break inference.
            }
        }
    }
}
