namespace Gis.Importers.Store;

/// <summary>Finds the PostgreSQL server programs and checks that PostGIS is installed for them.</summary>
internal static class PostgresInstallation
{
    private const string BootstrapHint = "run scripts/bootstrap.sh (installs Debian's postgresql-15-postgis-3), "
        + "or pass --db with a PostGIS server's connection string";

    /// <summary>
    /// The bin folder: <c>$GIS_PG_BIN</c>, else the newest Debian <c>/usr/lib/postgresql/N/bin</c>.
    /// Debian keeps initdb and pg_ctl off the PATH, so the PATH is not where to look.
    /// </summary>
    public static string BinDirectory()
    {
        if (Environment.GetEnvironmentVariable("GIS_PG_BIN") is { Length: > 0 } configured)
            return configured;
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .ToList()
            : [];
        return versions.Count > 0
            ? Path.Combine(versions[0], "bin")
            : throw new StoreException($"PostgreSQL server programs not found under /usr/lib/postgresql: {BootstrapHint}.");
    }

    public static string Binary(string tool) => Path.Combine(BinDirectory(), tool);

    /// <summary>Fails with the install hint when the server has no PostGIS extension files.</summary>
    public static void RequirePostGis()
    {
        var major = Path.GetFileName(Path.GetDirectoryName(BinDirectory()));
        var control = $"/usr/share/postgresql/{major}/extension/postgis.control";
        if (!File.Exists(control))
            throw new StoreException($"PostGIS is not installed for PostgreSQL {major} ({control} missing): {BootstrapHint}.");
    }
}
