using System.Runtime.InteropServices;

namespace ReasoningServer.Native;

/// <summary>
/// Mirror of C <c>struct llama_model_params</c> (llama.h), field by field. Field names are the C names;
/// C <c>bool</c> fields are <see cref="byte"/> with PascalCase <see cref="bool"/> convenience properties.
/// Obtain defaults with <see cref="NativeMethods.llama_model_default_params"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct LlamaModelParams
{
    /// <summary><c>ggml_backend_dev_t *</c>: NULL-terminated device list (NULL = all available devices).</summary>
    public nint devices;

    /// <summary><c>const struct llama_model_tensor_buft_override *</c>, NULL-terminated.</summary>
    public nint tensor_buft_overrides;

    /// <summary>Number of layers to store in VRAM; negative = all.</summary>
    public int n_gpu_layers;

    public LlamaSplitMode split_mode;

    public LlamaLoadMode load_mode;

    public LlamaLazyMode lazy_mode;

    public int main_gpu;

    /// <summary><c>const float *</c> of size <c>llama_max_devices()</c>.</summary>
    public nint tensor_split;

    /// <summary><c>bool (*)(float progress, void * user_data)</c>; returning false aborts loading.</summary>
    public nint progress_callback;

    public nint progress_callback_user_data;

    /// <summary><c>const struct llama_model_kv_override *</c>.</summary>
    public nint kv_overrides;

    public byte vocab_only;
    public byte check_tensors;
    public byte use_extra_bufts;
    public byte no_host;
    public byte no_alloc;
    public byte load_mtp;

    public bool VocabOnly { readonly get => vocab_only != 0; set => vocab_only = value ? (byte)1 : (byte)0; }

    public bool CheckTensors { readonly get => check_tensors != 0; set => check_tensors = value ? (byte)1 : (byte)0; }

    public bool UseExtraBufts { readonly get => use_extra_bufts != 0; set => use_extra_bufts = value ? (byte)1 : (byte)0; }

    public bool NoHost { readonly get => no_host != 0; set => no_host = value ? (byte)1 : (byte)0; }

    public bool NoAlloc { readonly get => no_alloc != 0; set => no_alloc = value ? (byte)1 : (byte)0; }

    public bool LoadMtp { readonly get => load_mtp != 0; set => load_mtp = value ? (byte)1 : (byte)0; }
}
