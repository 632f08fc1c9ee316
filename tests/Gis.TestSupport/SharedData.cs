namespace Gis.TestSupport;

/// <summary>Paths into <c>../shared/data</c>: the real published data the acceptance tests read (never copied here).</summary>
public static class SharedData
{
    /// <summary>The repository root: the folder holding Gis.sln, found upwards from the test binaries.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary><c>../shared/data</c> beside the repository; a missing folder fails the test, it never skips.</summary>
    public static string Root
    {
        get
        {
            var root = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));
            return Directory.Exists(root)
                ? root
                : throw new DirectoryNotFoundException($"The shared test data is missing: {root}");
        }
    }

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gis.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("Gis.sln not found above " + AppContext.BaseDirectory);
    }
}
