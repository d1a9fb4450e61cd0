using System.Collections.Concurrent;
using OrleansSync.Simulators.Common;

namespace OrleansSync.Simulators.InterimFinance;

/// <summary>The interim solution's accounts by payment reference, with a count of the writes each received (tests check "exactly once").</summary>
public sealed class InterimFinanceStore
{
    private readonly ConcurrentDictionary<string, InterimFinanceAccount> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _writes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _puts = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public IReadOnlyList<InterimFinanceAccount> All => [.. _accounts.Values.OrderBy(a => a.PaymentReference, StringComparer.Ordinal)];

    public InterimFinanceAccount? Get(string paymentReference) => _accounts.TryGetValue(paymentReference, out var account) ? account : null;

    /// <summary>Writes that changed the account (an identical re-send is not counted: it changes nothing).</summary>
    public int WritesOf(string paymentReference) => _writes.TryGetValue(paymentReference, out var writes) ? writes : 0;

    /// <summary>Upserts received for the payment reference, whatever their outcome (a push "sent once" is one of these).</summary>
    public int UpsertsOf(string paymentReference) => _puts.TryGetValue(paymentReference, out var puts) ? puts : 0;

    /// <summary>Upserts by payment reference: 201 created, 200 updated or unchanged; 409 when it holds a newer version.</summary>
    public (int Status, InterimFinanceAccount Account) Upsert(string paymentReference, InterimFinanceAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (string.IsNullOrWhiteSpace(paymentReference) || account.PaymentReference != paymentReference)
        {
            throw SimulatorException.BadRequest("paymentReference must be set and equal the one in the path.");
        }

        _puts.AddOrUpdate(paymentReference, 1, (_, n) => n + 1);
        lock (_gate)
        {
            if (_accounts.TryGetValue(paymentReference, out var held))
            {
                if (held.SourceVersion > account.SourceVersion)
                {
                    throw SimulatorException.Conflict($"Account {paymentReference} holds version {held.SourceVersion}, newer than {account.SourceVersion}.");
                }

                if (held == account)
                {
                    return (StatusCodes.Status200OK, held);
                }
            }

            _accounts[paymentReference] = account;
            _writes.AddOrUpdate(paymentReference, 1, (_, n) => n + 1);
            return (held is null ? StatusCodes.Status201Created : StatusCodes.Status200OK, account);
        }
    }

    /// <summary>Removes an account (an operator's mistake in the interim solution, for reconciliation tests).</summary>
    public bool Remove(string paymentReference) => _accounts.TryRemove(paymentReference, out _);
}
