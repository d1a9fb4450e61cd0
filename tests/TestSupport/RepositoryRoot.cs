namespace OrleansSync.Testing;

/// <summary>Finds the repository root: the nearest directory above the tests that holds OrleansSync.sln.</summary>
public static class RepositoryRoot
{
    private const string SolutionFile = "OrleansSync.sln";

    /// <summary>The repository root, or null when the tests run outside a checkout (a copied output folder).</summary>
    public static string? Find()
    {
        // The test assembly's folder is inside the repository (bin/...) in every normal run; the
        // working directory covers a runner that copied the assemblies elsewhere.
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }
}
