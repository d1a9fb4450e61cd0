global using System.Net;
global using System.Net.Http.Headers;
global using System.Text;
global using System.Text.Json;
global using FluentAssertions;
global using Npgsql;
global using OrleansSync.Api.Security;

global using OrleansSync.Testing;
global using Xunit;
