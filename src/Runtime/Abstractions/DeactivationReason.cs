namespace OrleansSync.Runtime;

public enum DeactivationReason
{
    Requested,
    Idle,
    ActivationLimit,
    StateConflict,
    PartitionReleased,
    LeaseLost,
    ShuttingDown,
    ActivationFailed,
}
