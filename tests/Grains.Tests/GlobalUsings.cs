global using FluentAssertions;
global using Npgsql;
global using OrleansSync.Postgres.Streams;
global using OrleansSync.Testing;
global using Xunit;
