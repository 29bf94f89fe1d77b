namespace Green;

/// <summary>A unit's cooperative budget: how many operations of the runtime's primitives may complete without
/// suspending in one poll before the next one yields instead (tokio's coop budget, 128 per poll as there).</summary>
/// <remarks>
/// Ready channels and fds complete synchronously, so a unit in a hot receive loop would never suspend and every unit
/// queued behind it on its worker would starve. Each ready operation takes one unit of budget; once a poll has spent
/// it, the next operation first yields (to the back of the queue) and then proceeds. The budget is refilled at the start
/// of every poll. Written and read only by the thread polling the unit; outside a unit there is no budget.
/// </remarks>
internal static class CoopBudget
{
    /// <summary>tokio's initial budget (tokio/src/runtime/coop.rs: Budget::initial).</summary>
    internal const int PerPoll = 128;

    [ThreadStatic]
    private static int t_left;

    /// <summary>Refills the budget; the worker calls this as a poll starts.</summary>
    internal static void Refill() => t_left = PerPoll;

    /// <summary>Takes one unit of budget. False once this poll has spent its budget: the caller yields first.</summary>
    internal static bool TryConsume() => GreenUnit.Running is null || --t_left >= 0;
}
