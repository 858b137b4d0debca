using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ReasoningServer.Engine.Text;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Training;

/// <summary>
/// Trains the tiny reasoner with llama.cpp's training API: generates the untrained model (F32), fills a
/// <c>ggml_opt_dataset</c> with one templated sum per context window, runs <c>llama_opt_epoch</c> (AdamW, one
/// optimizer step per window), and writes the result as our F16 GGUF. The native library must be initialised.
/// </summary>
/// <remarks>
/// Deterministic given <see cref="TrainingOptions.Seed"/> for the initial weights and the data. The arithmetic is
/// deterministic for a given thread count and CPU backend variant (ggml splits work by thread index, not by
/// timing), so the same machine type and <see cref="TrainingOptions.Threads"/> reproduce the file.
/// </remarks>
public sealed class TinyReasonerTrainer(TrainingOptions options)
{
    // ggml's epoch callback carries no user data, so the running trainer is found here; one training per process at a time.
    private static TinyReasonerTrainer? s_running;

    private IProgress<TrainingProgress>? _progress;
    private int _epoch;
    private long _windowTokens;
    private Stopwatch _clock = new();

    public TrainingReport Train(string outputPath, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        if (options.Window % 256 != 0)
        {
            throw new ArgumentException("The window must be a multiple of 256 tokens, llama.cpp's context padding.", nameof(options));
        }

        var spec = options.Spec with { ContextLength = options.Window };
        var folder = Directory.CreateTempSubdirectory("reasoningserver-train-").FullName;
        try
        {
            var initialPath = Path.Combine(folder, "initial-f32.gguf");
            if (options.ResumeFrom is { } resumed)
            {
                TrainedModelExporter.Export(resumed, spec, initialPath);
            }
            else
            {
                TrainableModelGenerator.Generate(initialPath, spec, options.Seed);
            }

            var modelParams = NativeMethods.llama_model_default_params();
            modelParams.n_gpu_layers = 0;
            modelParams.load_mode = LlamaLoadMode.None; // training writes to the weights; a read-only mapping would not do
            using var model = SafeLlamaModelHandle.LoadFromFile(initialPath, modelParams);
            var tokenizer = new Tokenizer(model.Vocab);
            var template = ChatTemplate.Create(model.GetChatTemplate(), ByteLevelBpeVocabulary.ThinkStart);
            var builder = new TrainingExampleBuilder(tokenizer, template);

            using var context = SafeLlamaContextHandle.Create(model, ContextParameters());
            var steps = (long)options.Epochs * options.WindowsPerEpoch;
            using var schedule = new LearningRateSchedule(options.PeakLearningRate, options.FinalLearningRateFraction, options.WarmupSteps, steps);
            ApplyThreadCount(context);
            InitializeOptimizer(context, model, schedule);

            var report = RunEpochs(context, builder, steps, progress);
            var trainedPath = Path.Combine(folder, "trained-f32.gguf");
            NativeMethods.llama_model_save_to_file(model.DangerousGetHandle(), trainedPath);
            TrainedModelExporter.ExportShipped(trainedPath, spec, outputPath, options.WriteF32 ? Gguf.GgmlTensorType.F32 : Gguf.GgmlTensorType.F16);
            return report with { ParameterCount = (long)model.ParameterCount, UntrainedTensors = steps > 0 ? UntrainedTensors.Find(initialPath, trainedPath) : [] };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private LlamaContextParams ContextParameters()
    {
        var parameters = NativeMethods.llama_context_default_params();

        // One window is one ubatch and one optimizer step; llama.cpp requires n_ctx to be a multiple of both.
        parameters.n_ctx = (uint)options.Window;
        parameters.n_batch = (uint)options.Window;
        parameters.n_ubatch = (uint)options.Window;
        parameters.n_seq_max = 1;
        var threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        parameters.n_threads = threads;
        parameters.n_threads_batch = threads;

        // The backward pass has no F16 OUT_PROD and no flash attention.
        parameters.type_k = GgmlType.F32;
        parameters.type_v = GgmlType.F32;
        parameters.flash_attn_type = LlamaFlashAttnType.Disabled;
        return parameters;
    }

    /// <summary>
    /// The CPU backend learns its thread count only when llama.cpp decodes; the training path computes through
    /// ggml-opt directly and would keep ggml's default of 4 threads, which on 2 busy cores spin at every barrier
    /// (measured: 100 times slower). Decoding one token hands the configured count to the backend first.
    /// </summary>
    private static unsafe void ApplyThreadCount(SafeLlamaContextHandle context)
    {
        var batch = NativeMethods.llama_batch_init(1, 0, 1);
        try
        {
            batch.n_tokens = 1;
            batch.token[0] = new LlamaToken(ByteLevelBpeVocabulary.ImStartId);
            batch.pos[0] = new LlamaPos(0);
            batch.n_seq_id[0] = 1;
            batch.seq_id[0][0] = new LlamaSeqId(0);
            batch.logits[0] = 1;
            if (NativeMethods.llama_decode(context.DangerousGetHandle(), batch) != 0)
            {
                throw new LlamaException("The warm-up decode before training failed.");
            }
        }
        finally
        {
            NativeMethods.llama_batch_free(batch);
        }
    }

    private unsafe void InitializeOptimizer(SafeLlamaContextHandle context, SafeLlamaModelHandle model, LearningRateSchedule schedule)
    {
        var parameters = new LlamaOptParams
        {
            n_ctx_train = (uint)options.Window,
            param_filter = &TrainEveryTensor,
            get_opt_pars = LearningRateSchedule.Callback,
            get_opt_pars_ud = schedule.UserData,
            optimizer_type = GgmlOptOptimizerType.AdamW,
        };
        NativeMethods.llama_opt_init(context.DangerousGetHandle(), model.DangerousGetHandle(), parameters);
    }

    private unsafe TrainingReport RunEpochs(SafeLlamaContextHandle context, TrainingExampleBuilder builder, long steps, IProgress<TrainingProgress>? progress)
    {
        var generator = new AdditionProblemGenerator(options.Seed);
        var excluded = AdditionProblemGenerator.AllHeldOut();
        var count = options.WindowsPerEpoch + options.ValidationWindowsPerEpoch;
        using var dataset = SafeGgmlOptDatasetHandle.CreateTokenDataset(options.Window, count);
        using var trainResult = SafeGgmlOptResultHandle.Create();
        using var validationResult = SafeGgmlOptResultHandle.Create();
        var epochs = new List<EpochResult>();
        long exampleTokens = 0;
        _progress = progress;
        _clock = Stopwatch.StartNew();
        if (Interlocked.CompareExchange(ref s_running, this, null) is not null)
        {
            throw new InvalidOperationException("Another training is running in this process.");
        }

        try
        {
            for (_epoch = 0; _epoch < options.Epochs; _epoch++)
            {
                exampleTokens += Fill(dataset, builder, generator, excluded);
                NativeMethods.llama_opt_epoch(context.DangerousGetHandle(), dataset.DangerousGetHandle(),
                    trainResult.DangerousGetHandle(), validationResult.DangerousGetHandle(), options.WindowsPerEpoch,
                    &OnStep, &OnStep);
                epochs.Add(new EpochResult(trainResult.Loss, trainResult.Accuracy, validationResult.Loss, validationResult.Accuracy));
                trainResult.Reset();
                validationResult.Reset();
            }
        }
        finally
        {
            s_running = null;
        }

        return new TrainingReport(epochs, _clock.Elapsed, _windowTokens, exampleTokens, 0, []);
    }

    /// <summary>
    /// Fills every window with fresh sums, packed whole one after the other (a sum later in a window sees the ones
    /// before it, which teaches the model to read only the current question); returns the example tokens.
    /// </summary>
    private long Fill(SafeGgmlOptDatasetHandle dataset, TrainingExampleBuilder builder, AdditionProblemGenerator generator, HashSet<AdditionProblem> excluded)
    {
        var window = options.Window;
        var padding = new LlamaToken(ByteLevelBpeVocabulary.EndOfTextId);
        var tokens = dataset.Tokens;
        var labels = dataset.Labels;
        long used = 0;
        TrainingExample? next = null;
        for (var i = 0; i < dataset.Count; i++)
        {
            var data = tokens.Slice(i * window, window);
            var targets = labels.Slice(i * window, window);
            var filled = 0;
            while (true)
            {
                next ??= builder.Build(generator.NextTrainingProblem(excluded), direct: generator.Chance(options.DirectFraction));
                if (next.Tokens.Length > window)
                {
                    throw new InvalidOperationException($"An example of {next.Tokens.Length} tokens does not fit the {window}-token window.");
                }

                if (filled + next.Tokens.Length > window)
                {
                    break;
                }

                next.Tokens.CopyTo(data[filled..]);
                next.Labels.CopyTo(targets[filled..]);
                filled += next.Tokens.Length;
                next = null;
            }

            // The rest is padding that predicts padding: cheap to learn, harmless to serve.
            data[filled..].Fill(padding);
            targets[filled..].Fill(padding);
            used += filled;
        }

        return used;
    }

    private void Report(bool train, nint result, long batch, long batches)
    {
        if (train)
        {
            _windowTokens += options.Window;
        }

        if (_progress is null)
        {
            return;
        }

        var step = ((long)_epoch * options.WindowsPerEpoch) + batch;
        var total = (long)options.Epochs * options.WindowsPerEpoch;
        var elapsed = _clock.Elapsed;
        var remaining = train && step > 0 ? elapsed * ((double)(total - step) / step) : TimeSpan.Zero;
        _progress.Report(new TrainingProgress(_epoch + 1, options.Epochs, !train, train ? step : batch, train ? total : batches,
            SafeGgmlOptResultHandle.ReadLoss(result), SafeGgmlOptResultHandle.ReadAccuracy(result),
            _windowTokens / Math.Max(1e-9, elapsed.TotalSeconds), elapsed, remaining));
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe byte TrainEveryTensor(nint tensor, void* userData) => 1;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnStep(byte train, nint optimizer, nint dataset, nint result, long batch, long batches, long startMicroseconds)
    {
        try
        {
            s_running?.Report(train != 0, result, batch, batches);
        }
        catch
        {
            // Never let an exception unwind into native code; progress is only for display.
        }
    }
}
