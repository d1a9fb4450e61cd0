using System.Globalization;

namespace OrleansSync.Postgres.Streams;

/// <summary>Reads stream_message rows selected as id, tx, namespace, stream_key, message_id, payload, appended_at, consumer, queue.</summary>
internal static class StreamRows
{
    public static StreamEvent Read(NpgsqlDataReader reader) => new(
        RowId: reader.GetInt64(0),
        Namespace: reader.GetString(2),
        Key: reader.GetString(3),
        MessageId: reader.GetString(4),
        PayloadJson: reader.GetString(5),
        AppendedAt: reader.GetFieldValue<DateTimeOffset>(6),
        Consumer: reader.IsDBNull(7) ? null : reader.GetString(7),
        Queue: reader.GetInt32(8),
        Transaction: ulong.Parse(reader.GetString(1), CultureInfo.InvariantCulture));

    public static StreamPosition PositionOf(StreamEvent message) => new(message.Transaction, message.RowId);
}
