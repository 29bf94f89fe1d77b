namespace Harness.Models;

/// <summary>
/// A one-shot gate many units can park on at once: each <see cref="WaitAsync"/> suspends its unit (no
/// spinning) until <see cref="Open"/>. Used to hold N units alive and parked while memory is read.
/// </summary>
public interface IGate
{
    ValueTask WaitAsync();

    void Open();
}
