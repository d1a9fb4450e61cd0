namespace OrleansSync.Postgres.Streams;

/// <summary>A message to append to a persistent stream (namespace and key name the stream).</summary>
public sealed record StreamAppend(string Namespace, string Key, string MessageId, string PayloadJson);
