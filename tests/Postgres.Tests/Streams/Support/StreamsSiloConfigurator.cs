using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;
using OrleansSync.Postgres.Entities;
using OrleansSync.Postgres.Streams;
using OrleansSync.Postgres.Tests.Streams.Grains;

namespace OrleansSync.Postgres.Tests.Streams.Support;

/// <summary>A TestCluster silo with the PostgreSQL streams and entity grains on the test database named in the cluster's properties.</summary>
public sealed class StreamsSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder silo)
    {
        var connectionString = silo.Configuration[StreamsCluster.ConnectionStringKey]
            ?? throw new InvalidOperationException("The test cluster has no connection string.");
        silo.Services.AddPostgresDataSources(connectionString);
        silo.Services.AddEntityGrains();
        silo.AddPostgresStreams(silo.Configuration, [typeof(LedgerGrain).Assembly]);
    }
}
