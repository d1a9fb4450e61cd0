namespace OrleansSync.Grains;

/// <summary>Anchor for the grains assembly: its grain classes and embedded SQL.</summary>
public static class GrainsAssembly;
