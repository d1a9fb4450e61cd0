namespace OrleansSync.Postgres.Tests.Streams.Grains;

/// <summary>The test grains' own tables.</summary>
public static class LedgerSchema
{
    public const string Sql = """
        create table test_ledger (
            id        bigint generated always as identity primary key,
            grain     text not null,
            key       text not null,
            entry_id  text not null,
            sequence  int not null,
            amount    int not null,
            batch     int not null,
            unique (grain, key, entry_id));
        """;
}
