using System.Runtime.CompilerServices;

namespace Harness.Models;

/// <summary>
/// What <see cref="ExecutionModel.Yield"/> returns: an allocation-free awaitable over each model's own yield
/// (already done for threads, Task.Yield for tasks, GreenUnit.Yield for green units), so that a yield costs
/// what the model's yield costs and not an extra async wrapper.
/// </summary>
public readonly struct UnitYield(UnitYield.Kind kind)
{
    /// <summary>Which yield to forward to.</summary>
    public enum Kind
    {
        /// <summary>The thread already yielded (sched_yield); the await completes at once.</summary>
        Done,

        /// <summary>await Task.Yield(): requeue to the ThreadPool.</summary>
        ThreadPool,

        /// <summary>await GreenUnit.Yield(): requeue to the back of the worker's local queue.</summary>
        Green,
    }

    public Awaiter GetAwaiter() => new(kind);

    public readonly struct Awaiter(Kind kind) : ICriticalNotifyCompletion
    {
        public bool IsCompleted => kind == Kind.Done;

        public void GetResult()
        {
        }

        public void OnCompleted(Action continuation)
        {
            if (kind == Kind.Green) GreenYield().OnCompleted(continuation);
            else PoolYield().OnCompleted(continuation);
        }

        public void UnsafeOnCompleted(Action continuation)
        {
            if (kind == Kind.Green) GreenYield().UnsafeOnCompleted(continuation);
            else PoolYield().UnsafeOnCompleted(continuation);
        }

        private static YieldAwaitable.YieldAwaiter PoolYield() => Task.Yield().GetAwaiter();

        private static Green.YieldAwaitable.YieldAwaiter GreenYield() => Green.GreenUnit.Yield().GetAwaiter();
    }
}
