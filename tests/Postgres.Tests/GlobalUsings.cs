global using FluentAssertions;
global using OrleansSync.Testing;
global using Xunit;
