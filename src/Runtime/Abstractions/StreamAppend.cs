namespace OrleansSync.Runtime;

/// <summary>A message to append to a persistent stream.</summary>
public sealed record StreamAppend(string Namespace, string Key, string MessageId, string PayloadJson);
