using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Loading;

/// <summary>
/// Bridges llama.cpp's load-progress callback to a managed delegate through an unmanaged function
/// pointer; the GC handle passed as user data keeps the delegate reachable while the model loads.
/// </summary>
internal sealed unsafe class LoadProgressCallback(Func<float, bool> onProgress) : IDisposable
{
    private readonly Func<float, bool> _onProgress = onProgress;
    private GCHandle _self;

    public void Attach(ref LlamaModelParams parameters)
    {
        _self = GCHandle.Alloc(this);
        parameters.progress_callback = (nint)(delegate* unmanaged[Cdecl]<float, nint, byte>)&OnProgress;
        parameters.progress_callback_user_data = GCHandle.ToIntPtr(_self);
    }

    public void Dispose()
    {
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static byte OnProgress(float progress, nint userData)
    {
        try
        {
            var callback = (LoadProgressCallback)GCHandle.FromIntPtr(userData).Target!;
            return callback._onProgress(progress) ? (byte)1 : (byte)0;
        }
        catch
        {
            return 0; // an exception must not cross into native code; abort the load instead
        }
    }
}
