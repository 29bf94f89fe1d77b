namespace Green;

/// <summary>Life-cycle state of a unit as seen through its <see cref="GreenUnit"/>.</summary>
public enum UnitStatus
{
    /// <summary>Queued, running or parked: not finished yet.</summary>
    Running,

    /// <summary>Finished normally.</summary>
    Completed,

    /// <summary>Finished by throwing; see <see cref="GreenUnit.Exception"/>.</summary>
    Faulted,

    /// <summary>Aborted, cancelled by shutdown, or finished by throwing <see cref="OperationCanceledException"/>.</summary>
    Cancelled,
}
