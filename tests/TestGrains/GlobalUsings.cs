global using System.Collections.Concurrent;
global using Npgsql;
global using OrleansSync.Runtime;
