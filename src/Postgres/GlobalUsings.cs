global using System.Collections.Concurrent;
global using System.Diagnostics;
global using Microsoft.Extensions.Logging;
global using Npgsql;
global using System.Text.Json;
