using System.Diagnostics;
using System.Runtime.CompilerServices;
using Harness.Measurement;
using Harness.Models;

namespace Harness.Workloads;

/// <summary>
/// Memory per unit: N units alive and parked at the same time. Each unit counts itself started, optionally
/// fills 1 KiB of state that it keeps across the park, waits on one shared gate, and counts itself
/// finished. Memory is read after every unit has started and before the gate opens, and the counters
/// prove it: started == N and finished == 0 at the reading, finished == N after the join. The same pass times its
/// creation: from the first spawn until the unit that counts itself N-th started (creating a unit while the others stay
/// alive, which spawn-join, whose units end at once, never sees).
/// </summary>
/// <remarks>
/// The touched state is a 1 KiB struct local of the unit's async body, live across the await: under the thread model
/// the body runs synchronously (its wait blocks), so the state sits on the thread's own stack, as a thread's locals
/// would; under tasks and green units the same local is hoisted into the heap box of the suspended state machine.
/// </remarks>
public static class ParkedUnits
{
    /// <summary>Bytes of state a "touching" unit fills and keeps live across its park.</summary>
    public const int TouchedStateBytes = 1024;

    /// <summary>Memory before and with the N units, the proof they were all parked, and how long it took until all N had
    /// started (<see cref="StartedAllNs"/>, from the first spawn call).</summary>
    public readonly record struct Result(
        int Units, ProcessMemory Before, ProcessMemory Parked, int StartedAtReading, int FinishedAtReading, int FinishedAfterJoin, double StartedAllNs)
    {
        /// <summary>Nanoseconds per unit of bringing N units up alive: <see cref="StartedAllNs"/> over N.</summary>
        public double StartedAllNsPerUnit => StartedAllNs / Units;
    }

    public static Result Run(ExecutionModel model, int units, bool touchState, TimeSpan startTimeout)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        IGate gate = model.CreateGate();
        var handles = new IUnit[units];
        int started = 0, finished = 0;
        // Written once, by the unit whose count made started == N, with the time it did; 0 until then. The parent waits
        // for this stamp rather than polling the count, so the time does not carry the parent's polling interval.
        long allStartedAt = 0;
        ProcessMemory before = ProcessMemory.Read();

        void CountStarted()
        {
            if (Interlocked.Increment(ref started) == units) Volatile.Write(ref allStartedAt, Stopwatch.GetTimestamp());
        }

        long firstSpawnAt = Stopwatch.GetTimestamp();
        for (int i = 0; i < units; i++)
        {
            handles[i] = touchState
                ? model.Spawn(async () =>
                {
                    TouchedState state = default;
                    Fill(ref state);
                    CountStarted();
                    await gate.WaitAsync();
                    Verify(ref state);
                    Interlocked.Increment(ref finished);
                })
                : model.Spawn(async () =>
                {
                    CountStarted();
                    await gate.WaitAsync();
                    Interlocked.Increment(ref finished);
                });
        }

        var clock = Stopwatch.StartNew();
        while (Volatile.Read(ref allStartedAt) == 0)
        {
            if (clock.Elapsed > startTimeout)
            {
                gate.Open();
                throw new TimeoutException($"only {Volatile.Read(ref started)} of {units} units started within {startTimeout.TotalSeconds:0} s");
            }
            Thread.Sleep(1);
        }
        double startedAllNs = (Volatile.Read(ref allStartedAt) - firstSpawnAt) * 1e9 / Stopwatch.Frequency;
        ProcessMemory parked = ProcessMemory.Read();
        int startedAtReading = Volatile.Read(ref started), finishedAtReading = Volatile.Read(ref finished);

        gate.Open();
        foreach (IUnit handle in handles) handle.Join();
        return new Result(units, before, parked, startedAtReading, finishedAtReading, Volatile.Read(ref finished), startedAllNs);
    }

    /// <summary>1 KiB of a unit's own state (a fixed-size buffer, so it lives wherever the unit's locals live).</summary>
    [InlineArray(TouchedStateBytes / sizeof(long))]
    private struct TouchedState
    {
        private long _element;
    }

    private static void Fill(ref TouchedState state)
    {
        Span<long> words = state;
        for (int i = 0; i < words.Length; i++) words[i] = i * 0x0101_0101_0101_0101L;
    }

    private static void Verify(ref TouchedState state)
    {
        Span<long> words = state;
        for (int i = 0; i < words.Length; i++)
            if (words[i] != i * 0x0101_0101_0101_0101L) throw new InvalidOperationException("a parked unit's state was corrupted");
    }
}
