using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Training;

/// <summary>
/// AdamW settings per optimizer step: linear warm-up, then a cosine decay to a floor. ggml asks for them
/// before every step through <see cref="Callback"/> with <see cref="UserData"/>, a handle to this object.
/// </summary>
internal sealed unsafe class LearningRateSchedule : IDisposable
{
    private readonly float _peak;
    private readonly float _floor;
    private readonly long _warmup;
    private readonly long _total;
    private GCHandle _self;

    public LearningRateSchedule(float peak, float finalFraction, long warmupSteps, long totalSteps)
    {
        _peak = peak;
        _floor = peak * finalFraction;
        _warmup = Math.Max(1, warmupSteps);
        _total = Math.Max(_warmup + 1, totalSteps);
        _self = GCHandle.Alloc(this);
    }

    public long Step { get; private set; }

    public static delegate* unmanaged[Cdecl]<void*, GgmlOptOptimizerParams> Callback => &Next;

    public void* UserData => (void*)GCHandle.ToIntPtr(_self);

    /// <summary>The learning rate of step <paramref name="step"/> (0-based).</summary>
    public float LearningRate(long step)
    {
        if (step < _warmup)
        {
            return _peak * (step + 1) / _warmup;
        }

        var progress = Math.Min(1.0, (double)(step - _warmup) / (_total - _warmup));
        return (float)(_floor + ((_peak - _floor) * 0.5 * (1 + Math.Cos(Math.PI * progress))));
    }

    public void Dispose()
    {
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static GgmlOptOptimizerParams Next(void* userData)
    {
        var result = NativeMethods.ggml_opt_get_default_optimizer_params(null);
        if (GCHandle.FromIntPtr((nint)userData).Target is LearningRateSchedule schedule)
        {
            result.adamw.alpha = schedule.LearningRate(schedule.Step++);

            // One short sequence per step is a noisy gradient; a shorter second-moment memory than 0.999 follows it better.
            result.adamw.beta2 = 0.99f;
        }

        return result;
    }
}
