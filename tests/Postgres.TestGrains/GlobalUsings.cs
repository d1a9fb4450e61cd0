global using System.Collections.Concurrent;
