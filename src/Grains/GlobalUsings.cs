global using OrleansSync.Grains.Reminders;
global using OrleansSync.Postgres.Entities;
global using OrleansSync.Postgres.Streams;
