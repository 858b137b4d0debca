using System.Diagnostics;
using Microsoft.Extensions.Options;
using ReasoningServer.Engine.Loading;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.Text;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Metrics;
using ReasoningServer.Native;
using ReasoningServer.Options;
using ReasoningServer.Reasoning.Formats;
using ReasoningServer.Serving;

namespace ReasoningServer.Hosting;

/// <summary>
/// Loads the native library and the model, starts the engine thread, and publishes the model to
/// <see cref="ModelHost"/>; on shutdown stops the engine and frees the model.
/// </summary>
internal sealed partial class EngineHostedService(
    ModelHost host,
    ServerMetrics metrics,
    IOptions<ModelOptions> modelOptions,
    IOptions<NativeOptions> nativeOptions,
    ILoggerFactory loggerFactory,
    ILogger<EngineHostedService> logger) : IHostedService
{
    private LoadedModel? _model;
    private InferenceEngine? _engine;

    /// <summary>
    /// Loads on the thread pool: services start together (<c>HostShutdownOptionsSetup</c>), and this must not hold
    /// up Kestrel, which meanwhile answers <c>/health/ready</c> with 503 and generation requests with 503.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken) => Task.Run(() => LoadAsync(cancellationToken), cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var options = modelOptions.Value;
        var clock = Stopwatch.StartNew();
        LlamaNativeLibrary.Initialize(nativeOptions.Value.LibraryDirectory, LlamaLogBridge.Create(loggerFactory));
        LogNativeLibrary(LlamaNativeLibrary.Directory ?? "?");

        var path = options.Path;
        var defaultId = (string?)null;
        if (string.IsNullOrWhiteSpace(path) && options.TinyPreset is null && TinyReasonerModel.Find(AppContext.BaseDirectory) is { } shipped)
        {
            path = shipped;
            defaultId = TinyReasonerModel.Id;
            LogTinyReasoner(path);
        }
        else if (string.IsNullOrWhiteSpace(path))
        {
            // A build without the shipped model (or an explicit preset) serves a generated random-weight model, as before.
            path = TinyModelCache.EnsureModel(options.TinyPreset ?? TinyModelPreset.Test);
            LogTinyModel(path);
        }

        var bar = ModelLoadProgressBar.ForConsole(logger);
        var loading = Stopwatch.StartNew();
        try
        {
            _model = await Task.Run(() => LoadedModel.Load(new ModelLoadOptions(path)
            {
                GpuLayers = options.GpuLayers,
                // Large models take a while: show how far along, and stop loading if the host is shutting down.
                Progress = progress =>
                {
                    bar.Report(progress);
                    return !cancellationToken.IsCancellationRequested;
                },
            }), cancellationToken);
        }
        finally
        {
            bar.Finish();
        }

        LogModelLoaded(path, loading.Elapsed.TotalSeconds);
        var contextSize = _model.TrainedContextLength > 0 ? Math.Min(options.ContextSize, _model.TrainedContextLength) : options.ContextSize;
        _engine = new InferenceEngine(_model, new EngineOptions
        {
            ContextSize = contextSize,
            Slots = options.Parallel,
            KvUnified = options.KvUnified,
            BatchSize = options.BatchSize,
            MicroBatchSize = options.MicroBatchSize,
            PrefillTokensPerStep = options.PrefillChunk,
            HostCacheBytes = options.CacheRamMiB * 1024L * 1024L,
            Threads = options.Threads,
            BatchThreads = options.BatchThreads,
            QueueCapacity = options.QueueCapacity,
            MaxUnreadTokens = options.MaxUnreadTokens,
        }, loggerFactory.CreateLogger<InferenceEngine>());
        await _engine.StartAsync();

        var format = options.Reasoning.Format switch
        {
            "none" => null,
            "think" => ReasoningFormat.Think,
            _ => ReasoningFormatDetector.Detect(_model.Tokenizer),
        };
        var (templateSource, templateOrigin) = options.ChatTemplateFile is { Length: > 0 } file ? (File.ReadAllText(file), file)
            : options.ChatTemplate is { Length: > 0 } inline ? (inline, "Model:ChatTemplate")
            : (_model.ChatTemplateSource, "the model's tokenizer.chat_template");
        var template = ChatTemplate.Create(templateSource, format?.StartTag);
        if (template.IsFallback)
        {
            LogTemplateFallback(templateOrigin, template.FallbackReason ?? "?", template.Source == "chatml" ? "ChatML" : "the family llama.cpp detects in it");
        }
        else
        {
            LogTemplate(templateOrigin, template.Source.Length);
        }

        var id = string.IsNullOrWhiteSpace(options.Id) ? defaultId ?? Path.GetFileNameWithoutExtension(path) : options.Id;
        host.Publish(new ServedModel(id, DateTimeOffset.UtcNow, _engine, template, format, new ThinkingPolicy(options.Reasoning, format, _model.Tokenizer), metrics));
        LogModelReady(id, _model.ParameterCount, _model.SizeInBytes / (1024.0 * 1024.0), _engine.ContextSize, format?.Name ?? "none", clock.ElapsedMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _engine?.Dispose();
        _model?.Dispose();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "llama.cpp libraries from {Directory}")]
    private partial void LogNativeLibrary(string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No model configured: serving the project's generated tiny model {Path}. " +
        "It has random weights and is for smoke tests only; set Model:Path or --model to serve a real GGUF model.")]
    private partial void LogTinyModel(string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "No model configured: serving the project's tiny reasoner {Path} " +
        "(1.1M parameters, trained here on multi-digit addition: ask e.g. \"What is 48213 + 9377?\"). Set Model:Path or --model to serve a real GGUF model.")]
    private partial void LogTinyReasoner(string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Path} in {Seconds:0.00} s")]
    private partial void LogModelLoaded(string path, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat template from {Origin} is not used as Jinja: {Reason}; rendering with llama.cpp's built-in {Family} instead")]
    private partial void LogTemplateFallback(string origin, string reason, string family);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat template: {Origin} ({Characters} characters of Jinja)")]
    private partial void LogTemplate(string origin, int characters);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Serving model {ModelId} ({Parameters} parameters, {SizeMiB:0.0} MiB, context {ContextSize} tokens, reasoning format {Format}); ready in {Elapsed} ms")]
    private partial void LogModelReady(string modelId, long parameters, double sizeMiB, int contextSize, string format, long elapsed);
}
