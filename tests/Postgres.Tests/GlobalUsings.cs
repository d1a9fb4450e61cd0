global using FluentAssertions;
global using OrleansSync.Testing;
global using Xunit;
global using System.Collections.Concurrent;
