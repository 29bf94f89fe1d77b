namespace Green;

/// <summary>Thrown when awaiting or waiting on a unit that was aborted or cancelled by shutdown.</summary>
public sealed class UnitCancelledException : OperationCanceledException
{
    /// <summary>Creates the exception with the default message.</summary>
    public UnitCancelledException()
        : base("The green unit was cancelled.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public UnitCancelledException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public UnitCancelledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
