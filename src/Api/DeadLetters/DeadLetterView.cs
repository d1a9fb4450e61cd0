using System.Text.Json;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Api.DeadLetters;

/// <summary>
/// A dead letter as the API shows it: the payload as JSON rather than as a string of JSON, and null
/// for a caller who may not see payloads (<see cref="Security.ApiRoles.SeesPayloads"/>).
/// </summary>
public sealed record DeadLetterView(
    long Id,
    string Namespace,
    string Key,
    string Subscriber,
    string MessageId,
    JsonElement? Payload,
    DateTimeOffset AppendedAt,
    int Attempts,
    string? LastError,
    DateTimeOffset DeadAt)
{
    public static DeadLetterView From(DeadLetter letter, bool withPayload)
    {
        JsonElement? payload = null;
        if (withPayload)
        {
            using var document = JsonDocument.Parse(letter.PayloadJson);
            payload = document.RootElement.Clone();
        }

        return new DeadLetterView(letter.Id, letter.Namespace, letter.Key, letter.Subscriber, letter.MessageId, payload,
            letter.AppendedAt, letter.Attempts, letter.LastError, letter.DeadAt);
    }
}

/// <summary>A page of dead letters; pass <see cref="Next"/> as <c>after</c> for the next page (null when this page is the last).</summary>
public sealed record DeadLetterPage(IReadOnlyList<DeadLetterView> Items, long? Next);

/// <summary>How many dead letters a replay sent back to their subscribers (delivered again from attempt 1).</summary>
public sealed record DeadLetterReplay(int Replayed);
