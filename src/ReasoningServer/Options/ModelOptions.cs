using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Options;

/// <summary>The model this process serves (section <c>Model</c>). One model per process, as llama-server.</summary>
internal sealed class ModelOptions
{
    public const string Section = "Model";

    /// <summary>The id clients send as <c>model</c>; defaults to the file name without extension.</summary>
    public string? Id { get; set; }

    /// <summary>
    /// A GGUF file. Empty: the shipped tiny reasoner (<see cref="TinyReasonerModel"/>) when the build has it and no
    /// <see cref="TinyPreset"/> is set, otherwise the generated preset (<see cref="TinyModelPreset.Test"/> by default).
    /// </summary>
    public string? Path { get; set; }

    /// <summary>
    /// When set and no <see cref="Path"/> is: generate and serve this random-weight preset instead of the shipped
    /// trained model (tests use <see cref="TinyModelPreset.Test"/> because it loads and decodes fastest).
    /// </summary>
    public TinyModelPreset? TinyPreset { get; set; }

    /// <summary>The context budget in tokens: the KV cache is allocated for all of it, capped by the model's trained context.</summary>
    [Range(256, 1 << 20)]
    public int ContextSize { get; set; } = 131072;

    /// <summary>Sequences decoded together in one batch (slots); also the most choices of one request run at once.</summary>
    [Range(1, 256)]
    public int Parallel { get; set; } = 4;

    /// <summary>Most tokens in one decode step (llama-server's default): four 512-token prompts arriving together are evaluated in one step.</summary>
    [Range(16, 8192)]
    public int BatchSize { get; set; } = 2048;

    /// <summary>Most tokens llama.cpp computes at once; a bigger step runs in pieces of this size (llama-server's default).</summary>
    [Range(16, 8192)]
    public int MicroBatchSize { get; set; } = 512;

    /// <summary>
    /// One KV cache for all slots, so any request may use the whole context (default); false gives each slot
    /// ContextSize / Parallel tokens and faster attention with many concurrent streams (llama-server's default with --parallel).
    /// </summary>
    public bool KvUnified { get; set; } = true;

    /// <summary>Most prompt tokens evaluated per step, shortest remaining prompt first; 0 = <see cref="BatchSize"/>.</summary>
    [Range(0, 8192)]
    public int PrefillChunk { get; set; }

    /// <summary>Host memory (MiB) for prefixes evicted from slots, so returning conversations still hit; 0 disables it.</summary>
    [Range(0, 1 << 20)]
    public int CacheRamMiB { get; set; } = 512;

    /// <summary>CPU threads for decode steps; 0 = chosen per step size from measured step times (between 1 and all cores).</summary>
    [Range(0, 512)]
    public int Threads { get; set; }

    /// <summary>CPU threads for prompt evaluation; 0 = chosen from measured step times, like <see cref="Threads"/>.</summary>
    [Range(0, 512)]
    public int BatchThreads { get; set; }

    /// <summary>Layers offloaded to a GPU when the native libraries support one; -1 = all.</summary>
    [Range(-1, 10000)]
    public int GpuLayers { get; set; } = -1;

    /// <summary>Requests that may wait for a free slot; more are answered 429.</summary>
    [Range(1, 100000)]
    public int QueueCapacity { get; set; } = 64;

    /// <summary>
    /// Generated tokens a request's sequence may have waiting for a slow client: at this many the engine pauses
    /// that sequence, and only it, until the client reads. Bounds the memory a stalled stream holds.
    /// </summary>
    [Range(1, 1 << 20)]
    public int MaxUnreadTokens { get; set; } = 64;

    /// <summary>A Jinja chat template used instead of the model's own <c>tokenizer.chat_template</c>.</summary>
    public string? ChatTemplate { get; set; }

    /// <summary>A file holding the Jinja chat template to use instead of the model's own (llama-server's <c>--chat-template-file</c>).</summary>
    public string? ChatTemplateFile { get; set; }

    [ValidateObjectMembers]
    public ReasoningOptions Reasoning { get; set; } = new();
}
