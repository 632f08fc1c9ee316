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
        var control = PostGisControlFile();
        if (!File.Exists(control))
            throw new StoreException($"PostGIS is not installed for PostgreSQL {Major()} ({control} missing): {BootstrapHint}.");
    }

    /// <summary>
    /// The PostGIS server library as its control file names it (<c>postgis-3</c> for <c>$libdir/postgis-3</c>), or
    /// null when there is none to read. The private cluster preloads it (ADR 0039): a server process otherwise loads
    /// it, with GEOS and PROJ, on its first PostGIS call, and every command starts a new server process.
    /// </summary>
    public static string? PostGisLibrary()
    {
        var control = PostGisControlFile();
        if (!File.Exists(control))
            return null;
        foreach (var line in File.ReadLines(control))
        {
            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0] == "module_pathname")
                return Path.GetFileName(parts[1].Trim('\''));
        }
        return null;
    }

    private static string PostGisControlFile() => $"/usr/share/postgresql/{Major()}/extension/postgis.control";

    private static string Major() => Path.GetFileName(Path.GetDirectoryName(BinDirectory()))!;
}
