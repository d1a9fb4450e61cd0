namespace OrleansSync.Grains.Finance;

/// <summary>What a push did.</summary>
public enum PushOutcome
{
    Pushed,
    AlreadyPushed,
    NoAccount,
    Disabled,
}
