namespace OrleansSync.Runtime.State;

/// <summary>Lets the activator load every injected state before OnActivateAsync, whatever its type.</summary>
internal interface IStateLoader
{
    Task LoadAsync();
}
