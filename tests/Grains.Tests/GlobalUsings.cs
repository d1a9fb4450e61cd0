global using FluentAssertions;
global using Npgsql;
global using OrleansSync.Runtime;
global using OrleansSync.Testing;
global using Xunit;
