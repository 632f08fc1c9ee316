using System.CommandLine;
using System.Globalization;
using Gis.Cli.Options;
using Gis.Cli.Output;
using Gis.Importers.Firms;
using Gis.Importers.Queries.AdminAreas;
using Gis.Importers.Store;

namespace Gis.Cli.Commands;

/// <summary>
/// <c>gis fetch firms</c>: one pull from the FIRMS area API, imported as one batch; <c>gis watch firms</c>: the same
/// pull repeated, resuming from the last day stored.
/// </summary>
internal static class FetchCommand
{
    public static Command Create()
    {
        var fetch = new Command("fetch", "Fetch live data from a feed and import it");
        fetch.Subcommands.Add(Firms(watch: false));
        return fetch;
    }

    /// <summary><c>gis watch firms</c>.</summary>
    public static Command CreateWatch()
    {
        var watch = new Command("watch", "Fetch live data from a feed again and again, resuming where the store stops");
        watch.Subcommands.Add(Firms(watch: true));
        watch.Subcommands.Add(WatchCommand.Status());
        return watch;
    }

    private static Command Firms(bool watch)
    {
        var mapKey = new Option<string?>("--map-key")
        {
            Description = "FIRMS map key (else $FIRMS_MAP_KEY, else \"firms_map_key\" in $GIS_HOME/config.json; " +
                "those two keep it out of the process list). Never printed.",
        };
        var source = new Option<string>("--source") { Description = "FIRMS source", Required = true };
        source.AcceptOnlyFromAmong([.. FirmsAreaClient.Sources]);
        var area = new Option<string?>("--area") { Description = "Bounding box west,south,east,north in degrees" };
        var province = ProvinceOptions.WithoutDefault("whose stored polygon (or its districts) gives the bounding box, instead of --area");
        var days = new Option<int>("--days") { Description = "Day range, 1 to 10", DefaultValueFactory = _ => 1 };
        var date = new Option<string?>("--date")
        {
            Description = "YYYY-MM-DD: the first of the --days days (FIRMS' meaning: date to date + days - 1); " +
                "default the most recent days",
        };
        var baseUrl = new Option<string?>("--base-url")
        {
            Description = "API address (else $GIS_FIRMS_BASE_URL, else https://firms.modaps.eosdis.nasa.gov)",
        };
        var timeout = new Option<double>("--timeout") { Description = "Seconds allowed per try", DefaultValueFactory = _ => 60 };
        var tries = new Option<int>("--tries")
        {
            Description = "Tries per fetch; timeouts, connection errors, 5xx and cut bodies are retried with back-off",
            DefaultValueFactory = _ => 3,
        };
        // Tests shorten the back-off; users have no reason to.
        var retryDelay = new Option<double>("--retry-delay") { Hidden = true, DefaultValueFactory = _ => 2 };
        var every = new Option<string>("--every") { Description = "Time between pulls: 90s, 30m, 2h", DefaultValueFactory = _ => "30m" };
        // Tests stop the loop after some cycles and fix "today"; users stop it with SIGTERM or Ctrl+C.
        var cycles = new Option<int>("--cycles") { Hidden = true };
        var stopGrace = new Option<double>("--stop-grace")
        {
            Description = "Seconds a stop (SIGTERM, Ctrl+C) lets the pull or delivery under way finish before it is rolled back",
            DefaultValueFactory = _ => 20,
        };
        var today = new Option<string?>("--today") { Hidden = true };
        var jsonOption = OutputOptions.Json();
        var alertRetryBase = AlertsCommand.RetryBase();
        var actor = ActorOptions.As();
        var command = watch
            ? new Command("firms", """
                Pull FIRMS detections of an area every --every, as 'gis fetch firms' does, until stopped. Resumable: each
                cycle asks from the last UTC day a stored pull of the same source and area covered (that day again, as
                NRT days fill up) to today, in windows of at most 10 days; the first cycle asks --days days up to today.
                A failed pull stores nothing, is reported, and is tried again next cycle. After each cycle the alerts its
                imports queued are delivered, as 'gis alerts deliver' does (docs/alerts.md). A service: one line per cycle
                with its counts, a heartbeat in the store ('gis watch status'), and on SIGTERM or Ctrl+C a clean stop
                (the work under way finished or rolled back within --stop-grace, exit 0); deploy/gis-watch.service.
                """)
            {
                mapKey, source, area, province, days, baseUrl, timeout, tries, retryDelay, every, cycles, today, jsonOption,
                alertRetryBase, stopGrace, actor,
            }
            // One help line is longer than a source line may be: joined from pieces, the help keeps its line breaks.
            : new Command("firms", """
                Fetch FIRMS detections of an area from the FIRMS area API and import them as one batch, with the same
                duplicate rules as 'gis import firms' (a detection delivered again is stored once; standard data replaces
                NRT of the same satellite and UTC day; a standard (_SP) pull with --date replaces every NRT detection of its
                days in its area, up to the last day standard data exists). The whole answer is read and checked first:
                """ + " an HTML page, an error\n" + """
                text (e.g. "Invalid MAP_KEY."), a cut or damaged body or an HTTP error stores nothing and exits with code 2.
                """)
            {
                mapKey, source, area, province, days, date, baseUrl, timeout, tries, retryDelay, jsonOption, actor,
            };
        command.SetAction(async (parse, ct) =>
        {
            var json = parse.GetValue(jsonOption);
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var dayCount = parse.GetValue(days);
            if (dayCount is < 1 or > 10)
                throw new FormatException(
                    $"--days {dayCount.ToString(CultureInfo.InvariantCulture)}: FIRMS serves 1 to 10 days per request.");
            DateOnly? day = !watch && parse.GetValue(date) is { } dateText
                ? DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    ? d : throw new FormatException($"--date {dateText}: expected YYYY-MM-DD.")
                : null;
            var (areaText, provinceText) = (parse.GetValue(area), parse.GetValue(province));
            if ((areaText is null) == (provinceText is null))
                throw new FormatException("Give either --area west,south,east,north or --province CODE.");
            var interval = watch ? Interval(parse.GetValue(every)!) : TimeSpan.Zero;
            var key = MapKey(parse.GetValue(mapKey));
            var baseText = parse.GetValue(baseUrl);
            if (string.IsNullOrEmpty(baseText))
                baseText = Environment.GetEnvironmentVariable("GIS_FIRMS_BASE_URL");
            var url = string.IsNullOrEmpty(baseText) ? FirmsAreaClient.DefaultBaseUrl
                : Uri.TryCreate(baseText, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp)
                    ? u
                : throw new FormatException($"--base-url {baseText}: expected an http(s) URL.");

            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            BoundingBox box;
            if (areaText is not null)
            {
                box = BoundingBox.Parse(areaText);
            }
            else
            {
                var code = ProvinceOptions.ProvinceCode(provinceText!)
                    ?? throw new FormatException("--province all: give one province code.");
                box = await new AdminAreaQueries(store).BoundingBoxAsync(code, ct)
                      ?? throw new FormatException($"--province {provinceText}: no polygon of province {code} or its districts " +
                          "is stored; run 'gis import boundaries FILE' first.");
            }

            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var client = new FirmsAreaClient(http, url, key)
            {
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                MaxAttempts = Math.Max(1, parse.GetValue(tries)),
                RetryDelay = TimeSpan.FromSeconds(parse.GetValue(retryDelay)),
                Log = line => error.WriteLine("gis: " + line),
            };
            var sourceName = parse.GetValue(source)!;
            // Asked once per run: the archive's ends move by a day at most between the watch loop's pulls.
            var archive = await ArchiveAsync(client, sourceName, error, ct);
            if (!watch)
            {
                var pull = await PullAsync(store, client, new FirmsAreaRequest(sourceName, box, dayCount, day), archive,
                    ActorOptions.Who(parse, actor), ct);
                WritePull(pull, json, output);
                return 0;
            }
            return await WatchCommand.RunAsync(new WatchFeed(store, http, client, sourceName, box,
                areaText is null ? "province " + provinceText : "area " + areaText, dayCount, interval, parse.GetValue(every)!, archive,
                parse.GetValue(cycles), parse.GetValue(today) is { } fixedDay
                    ? DateOnly.ParseExact(fixedDay, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                parse.GetValue(alertRetryBase), TimeSpan.FromSeconds(parse.GetValue(stopGrace)), json, ActorOptions.Who(parse, actor)),
                output, error, ct);
        });
        return command;
    }

    /// <summary>Parses 90s, 30m, 2h, 2d (a number and a unit; invariant culture) given to <paramref name="option"/>.</summary>
    internal static TimeSpan Interval(string text, string option = "--every")
    {
        var unit = text.Length > 0 ? text[^1] : ' ';
        return text.Length > 1 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0
            && unit is 's' or 'm' or 'h' or 'd'
            ? unit switch
            {
                's' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                _ => TimeSpan.FromDays(n),
            }
            : throw new FormatException($"{option} {text}: expected a number and s, m, h or d, e.g. 30m.");
    }

    /// <summary>
    /// The first and last day of <paramref name="source"/> in the FIRMS archive, or null (with a note) when the
    /// endpoint fails or does not list it: the pull then records its window unchecked.
    /// </summary>
    private static async Task<(DateOnly First, DateOnly Last)?> ArchiveAsync(FirmsAreaClient client, string source, TextWriter error,
        CancellationToken ct)
    {
        try
        {
            if ((await client.ArchiveAsync(ct)).Range(source) is { } range)
                return range;
            await error.WriteLineAsync($"gis: FIRMS data_availability does not list {source}; the pull's days are recorded as covered " +
                "without checking its archive.");
        }
        catch (FirmsApiException e)
        {
            await error.WriteLineAsync($"gis: {e.Message}; the pull's days are recorded as covered without checking {source}'s archive.");
        }
        return null;
    }

    /// <summary>One fetch, its import as one batch, and the days it covers.</summary>
    /// <param name="archive">The product's first and last day; the pull covers only its days inside it (ADR 0015).</param>
    /// <param name="importedBy">Who the batch is recorded as imported by (<c>--as</c>, else the OS user).</param>
    internal static async Task<FirmsPull> PullAsync(GisStore store, FirmsAreaClient client, FirmsAreaRequest request,
        (DateOnly First, DateOnly Last)? archive, string importedBy, CancellationToken ct)
    {
        var fetched = await client.FetchAsync(request, ct);
        var claim = request.Claim(archive, fetched.Answered);
        var importer = new FirmsImporter(store) { ImportedBy = importedBy };
        var result = await importer.ImportAsync(fetched.Input with { Covers = claim }, strict: false, cancellationToken: ct);
        // An empty answer for days the product does not hold says nothing about fire.
        var outside = archive is { } held && request.OutsideArchive(held, fetched.Answered)
            ? $"outside the archive ({request.Source} holds {Day(held.First)} to {Day(held.Last)})"
            : null;
        return new FirmsPull(fetched, result, claim, archive, outside);
    }

    /// <summary>What one pull fetched, stored and covers, as text or JSON.</summary>
    private static void WritePull(FirmsPull pull, bool json, TextWriter output)
    {
        var (fetched, result, claim, archive, outside) = pull;
        if (json)
        {
            Json.Write(output, new
            {
                result.Source,
                fetched.Url,
                fetched.Attempts,
                fetched.Bytes,
                result.BatchId,
                RowsRead = result.Read,
                RowsNew = result.Stored,
                RowsDuplicate = result.Duplicate,
                RowsRejected = result.Rejected,
                Nrt = ImportCommands.SupersedeJson(result),
                result.AlertsQueued,
                Covered = claim is null ? null : new { claim.From, claim.To },
                Archive = archive is { } range ? new { range.First, range.Last } : null,
                Note = outside,
            });
        }
        else
        {
            var triesText = fetched.Attempts == 1 ? "try" : "tries";
            output.WriteLine($"{result.Source}: {Numbers.Count(fetched.Bytes)} bytes from {fetched.Url} ({fetched.Attempts} {triesText})");
            output.WriteLine($"  {Numbers.Count(result.Read)} read, {Numbers.Count(result.Stored)} new, " +
                             $"{Numbers.Count(result.Duplicate)} already stored, " +
                             $"{Numbers.Count(result.Rejected)} rejected [batch {result.BatchId}]");
            ImportCommands.WriteSupersede(output, result);
            ImportCommands.WriteAlertsQueued(output, result);
            output.WriteLine(outside is not null ? $"  no days covered: {outside}, not a period without fire"
                : claim is null ? "  covers the days of its detections only (no whole Bangkok day in its window)"
                : $"  covers Bangkok days {Day(claim.From)} to {Day(claim.To)}");
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The map key from the option, <c>FIRMS_MAP_KEY</c> or <c>$GIS_HOME/config.json</c>, in that order.</summary>
    private static string MapKey(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
            return option.Trim();
        if (Environment.GetEnvironmentVariable("FIRMS_MAP_KEY") is { Length: > 0 } env)
            return env.Trim();
        var config = ConfigFile.PathOf();
        // Read only when private to its owner (mode 600); the file's text is never repeated: it holds the key.
        return ConfigFile.Value("firms_map_key", config) ?? throw new FirmsApiException(
            $"No FIRMS map key: give --map-key, set FIRMS_MAP_KEY, or put {{\"firms_map_key\": \"...\"}} in {config}.");
    }
}

/// <summary>One pull: what was fetched, what its import stored, the days it covers, and why it covers none (or null).</summary>
internal sealed record FirmsPull(FirmsFetchResult Fetched, FirmsBatchResult Result, CoverageClaim? Claim,
    (DateOnly First, DateOnly Last)? Archive, string? Outside);
