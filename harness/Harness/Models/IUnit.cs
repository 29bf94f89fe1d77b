namespace Harness.Models;

/// <summary>A spawned unit of work, whatever the model runs it on: something to join.</summary>
public interface IUnit
{
    /// <summary>Blocks the calling (non-unit) thread until the unit has finished; rethrows its failure.</summary>
    void Join();
}
