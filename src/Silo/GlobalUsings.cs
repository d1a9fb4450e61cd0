global using Microsoft.Extensions.DependencyInjection.Extensions;
global using Npgsql;
global using OrleansSync.Postgres.Migrations;
