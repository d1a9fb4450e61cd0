global using System.Diagnostics;
global using System.Globalization;
global using Npgsql;
global using OrleansSync.Runtime;
