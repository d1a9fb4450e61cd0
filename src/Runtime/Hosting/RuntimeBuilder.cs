using System.Reflection;
using OrleansSync.Runtime.Activations;
using OrleansSync.Runtime.Storage;

namespace OrleansSync.Runtime.Hosting;

/// <summary>Registers what a silo hosts: grain assemblies and the migrations of the tables they own.</summary>
public sealed class RuntimeBuilder
{
    internal GrainTypeRegistry Types { get; } = new();

    internal List<MigrationSource> Migrations { get; } = [new("runtime", typeof(Grain).Assembly)];

    /// <summary>Registers every grain class of an assembly.</summary>
    public RuntimeBuilder AddGrains(Assembly assembly)
    {
        Types.RegisterAssembly(assembly);
        return this;
    }

    public RuntimeBuilder AddGrain<TGrain>() where TGrain : Grain
    {
        Types.Register(typeof(TGrain));
        return this;
    }

    /// <summary>Applies the <c>Sql/Migrations/{module}/NNNN_name.sql</c> resources of an assembly at start-up, after the runtime's own.</summary>
    public RuntimeBuilder AddMigrations(string module, Assembly assembly)
    {
        Migrations.Add(new MigrationSource(module, assembly));
        return this;
    }
}
