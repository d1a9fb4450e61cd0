global using FluentAssertions;
global using Npgsql;
global using OrleansSync.Runtime;
global using OrleansSync.Testing;
global using Xunit;
global using System.Collections.Concurrent;
global using System.Diagnostics;
global using System.Text.Json;
