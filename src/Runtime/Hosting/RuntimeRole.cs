namespace OrleansSync.Runtime.Hosting;

public enum RuntimeRole
{
    Silo,
    Client,
}
