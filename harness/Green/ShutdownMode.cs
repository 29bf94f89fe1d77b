namespace Green;

/// <summary>How <see cref="GreenRuntime.Shutdown"/> treats units that are still alive.</summary>
public enum ShutdownMode
{
    /// <summary>Refuse new outside spawns, let live units finish, then abort whatever is left when the budget runs out.</summary>
    Graceful,

    /// <summary>Refuse all spawns and abort every live unit at once.</summary>
    Forced,
}
