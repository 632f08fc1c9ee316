using System.CommandLine;
using System.Globalization;
using Gis.Cli.Options;
using Gis.Core.Time;
using Gis.Importers.Store;
using Gis.Importers.Styles;
using Gis.Rendering.Qgis;
using Npgsql;

namespace Gis.Cli.Commands;

/// <summary>
/// <c>gis qgis</c>: a QGIS project of the store's layers of a province, styled as gis draws them, and the same styles
/// stored in the database's <c>layer_styles</c> for layers opened from QGIS' browser (ADR 0031).
/// </summary>
internal static class QgisCommand
{
    /// <summary>The service the project names when it writes its own <c>pg_service.conf</c>.</summary>
    private const string DefaultService = "gis";

    public static Command Create()
    {
        var output = new Option<string?>("--out") { Description = "The QGIS project to write (.qgz), with pg_service.conf beside it" };
        var province = ProvinceOptions.Province("whose layers the project shows");
        var lang = RenderOptions.Lang("the layer names, legend labels and print layout");
        var service = new Option<string?>("--service")
        {
            Description = "Name a service of your own pg_service.conf for the layers' connection (no pg_service.conf is written)",
        };
        var storeStyles = new Option<bool>("--store-styles")
        {
            Description = "Store the layers' styles in the database's layer_styles table: QGIS' browser then opens them styled",
        };
        var periods = new PeriodOptions("The days the hotspot layers show (default: the period of the latest saved hotspot run, "
            + "else the fire season of the latest day with data)", required: false);
        var restoreDefault = new Option<string?>("--restore-default-style")
        {
            Description = "Make your stored style NAME its table's default again (after --store-styles took the default from it)",
        };
        var command = new Command("qgis", """
            A QGIS 3.22 project (.qgz) of the province: districts by hotspot verdict, by green change and by allocation,
            hotspots by confidence and as a heat map, project areas, land use and the province outline, each in the classes,
            colours and labels of 'gis map'; in WGS 84 / UTM 47N, with the A4 map as print layout. The layers connect through
            a pg_service.conf service, never with a password in the project. --store-styles writes the same styles into the
            database for QGIS' browser panel; --restore-default-style NAME gives the default back to a style of yours.
            """) { output, province, lang, service, storeStyles, restoreDefault, periods.Period, periods.Ce, periods.SeasonEndMonth };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(output);
            var console = parse.InvocationConfiguration.Output;
            if (parse.GetValue(restoreDefault) is { } restore)
            {
                if (path is not null || parse.GetValue(storeStyles))
                    throw new FormatException("--restore-default-style: give it alone, not with --out or --store-styles.");
                await using var styleStore = await GlobalOptions.OpenStoreAsync(parse, ct);
                var restored = await new LayerStyles(styleStore).RestoreDefaultAsync(restore, ct);
                if (restored.Count == 0)
                    throw new FormatException($"--restore-default-style '{restore}': layer_styles holds no style of that name.");
                foreach (var style in restored)
                    await console.WriteLineAsync($"{style.Table}: the default style is '{style.Name}' again");
                return 0;
            }
            if (path is null && !parse.GetValue(storeStyles))
                throw new FormatException("gis qgis: give --out FILE.qgz, --store-styles, or both.");
            if (path is not null && !path.EndsWith(".qgz", StringComparison.OrdinalIgnoreCase))
                throw new FormatException($"--out {path}: a QGIS project is written as a .qgz file.");
            var provinceCode = ProvinceOptions.ProvinceCode(parse.GetValue(province)!)
                ?? throw new FormatException("--province all: a project shows one province.");
            var language = parse.GetValue(lang)!;
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            var layers = QgisLayers.For(provinceCode);

            if (parse.GetValue(storeStyles))
            {
                var styles = layers.Select(l => new LayerStyle(l.Table, QgisLayer.GeometryColumn, "gis " + l.Id,
                    QgisStyle.Qml(l, language).ToString(), l.DefaultStyle, l.Title(language))).ToList();
                var displaced = await new LayerStyles(store).SaveAsync(styles, ct);
                await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Stored {styles.Count} styles in layer_styles, the default of {styles.Count(s => s.IsDefault)} tables and views"));
                // A user's own default is kept but no longer applied: say so, and how to undo it.
                foreach (var style in displaced)
                {
                    var ours = styles.First(s => s.Table == style.Table && s.IsDefault).Name;
                    await console.WriteLineAsync($"{style.Table}: your style '{style.Name}' is kept but is no longer the default " +
                        $"('{ours}' is); to make it the default again: gis qgis --restore-default-style '{style.Name}'");
                }
            }
            if (path is null)
                return 0;

            var named = parse.GetValue(service);
            var pgService = PgService.Of(named ?? DefaultService, store.DataSource.ConnectionString,
                named is null && GlobalOptions.ChosenServer(parse) is null ? PrivateClusterPassFile(parse) : null);
            var model = await new QgisProjectLoader(store).LoadAsync(provinceCode, language, pgService.Connection,
                Bangkok.LocalDay(DateTime.UtcNow), parse.GetValue(periods.Period), ct);
            QgisProject.Write(path, model);
            var said = $"Wrote {path}: {layers.Count} layers of province {provinceCode}, hotspots of {model.HotspotPeriod.Words(false)}, "
                + "print layout A4";
            if (named is null)
            {
                var serviceFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "pg_service.conf");
                await File.WriteAllTextAsync(serviceFile, pgService.Section(), ct);
                said += $"; service '{pgService.Name}' in {serviceFile} (QGIS reads it through PGSERVICEFILE, see docs/qgis.md)";
            }
            else
            {
                said += $"; layers connect through your service '{named}'";
            }
            await console.WriteLineAsync(said);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The private cluster's password as a libpq password file beside its state under the GIS home (owner-only, as the
    /// state that already holds it): the service points there, so neither the project nor the service file holds it.
    /// </summary>
    private static string PrivateClusterPassFile(ParseResult parse)
    {
        var cluster = GlobalOptions.Cluster(parse);
        var connection = new NpgsqlConnectionStringBuilder(cluster.Start());
        var file = Path.Combine(cluster.GisHome, "pgpass");
        static string Escape(string? value) => (value ?? "").Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace(":", @"\:", StringComparison.Ordinal);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(file, options);
        writer.Write(string.Create(CultureInfo.InvariantCulture,
            $"{Escape(connection.Host)}:{connection.Port}:{Escape(connection.Database)}:{Escape(connection.Username)}:"));
        writer.WriteLine(Escape(connection.Password));
        return file;
    }
}
