global using System.Diagnostics;
global using System.Globalization;
global using Npgsql;
global using OrleansSync.Postgres.Entities;
global using OrleansSync.Postgres.Streams;
