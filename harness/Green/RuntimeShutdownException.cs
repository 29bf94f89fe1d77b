namespace Green;

/// <summary>Thrown by Spawn / SpawnBlocking once the runtime no longer accepts new units (after Shutdown or Dispose).</summary>
public sealed class RuntimeShutdownException : InvalidOperationException
{
    /// <summary>Creates the exception with the default message.</summary>
    public RuntimeShutdownException()
        : base("The green runtime is shutting down or shut down; it no longer accepts new units.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RuntimeShutdownException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public RuntimeShutdownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
