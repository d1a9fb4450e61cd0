namespace OrleansSync.Runtime;

/// <summary>
/// Names a grain class's type in storage, placement and metrics. Renaming a class must not move
/// its grains to other partitions or orphan their state, so production grains should set it.
/// Without it the class name is used.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
