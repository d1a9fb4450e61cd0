namespace OrleansSync.Runtime;

/// <summary>An exception thrown by a grain on another silo, with its original type name and message.</summary>
public sealed class RemoteGrainException(string exceptionType, string message)
    : Exception($"{exceptionType}: {message}")
{
    public string ExceptionType { get; } = exceptionType;

    public string RemoteMessage { get; } = message;
}
