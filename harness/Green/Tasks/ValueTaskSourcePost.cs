using System.Reflection;
using System.Threading.Tasks.Sources;

namespace Green;

/// <summary>Recognises the callback ManualResetValueTaskSourceCore posts to a captured SynchronizationContext: the
/// completion of a pooled ValueTask (an async ValueTask method built by PoolingAsyncValueTaskMethodBuilder, a Channel,
/// a Socket) resuming the method that awaited it.</summary>
/// <remarks>
/// A Task resumes its awaiter inline when the completing thread is already in the awaiter's context
/// (SynchronizationContextAwaitTaskContinuation); ManualResetValueTaskSourceCore always posts instead. Inside a unit
/// that made every level of a nested ValueTask await one more poll (a brigade hop over link read -> fd read ->
/// readiness cost three). The unit's Post applies Task's rule to this one callback. The callback is a lambda of a
/// generic struct, a different delegate per result type, so it is recognised by its method's metadata token, found once
/// by completing a probe source under a recording context rather than by a name that could change.
/// </remarks>
internal static class ValueTaskSourcePost
{
    private static readonly MethodInfo? s_method = Probe();

    /// <summary>True if <paramref name="callback"/> is the value-task-source continuation trampoline.</summary>
    internal static bool Is(SendOrPostCallback callback)
    {
        if (s_method is null)
        {
            return false;
        }

        var method = callback.Method;
        return method.MetadataToken == s_method.MetadataToken && method.Module == s_method.Module;
    }

    private static MethodInfo? Probe()
    {
        var recorder = new RecordingContext();
        var source = new ManualResetValueTaskSourceCore<bool>();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(recorder);
        try
        {
            source.OnCompleted(static _ => { }, null, source.Version, ValueTaskSourceOnCompletedFlags.UseSchedulingContext);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        source.SetResult(true);
        return recorder.Posted?.Method;
    }

    /// <summary>Records what is posted to it and runs nothing.</summary>
    private sealed class RecordingContext : SynchronizationContext
    {
        internal SendOrPostCallback? Posted { get; private set; }

        public override void Post(SendOrPostCallback d, object? state) => Posted = d;
    }
}
