using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Gis.Cli.Output;
using Gis.Importers.Firms;
using Gis.Importers.Store;

namespace Gis.Cli.Commands;

/// <summary><c>gis fetch firms</c>: one pull from the FIRMS area API, imported as one batch.</summary>
internal static class FetchCommand
{
    public static Command Create()
    {
        var fetch = new Command("fetch", "Fetch live data from a feed and import it");
        fetch.Subcommands.Add(Firms());
        return fetch;
    }

    private static Command Firms()
    {
        var mapKey = new Option<string?>("--map-key")
        {
            Description = "FIRMS map key (else $FIRMS_MAP_KEY, else \"firms_map_key\" in $GIS_HOME/config.json; those two keep it out of the process list). Never printed.",
        };
        var source = new Option<string>("--source") { Description = "FIRMS source", Required = true };
        source.AcceptOnlyFromAmong([.. FirmsAreaClient.Sources]);
        var area = new Option<string?>("--area") { Description = "Bounding box west,south,east,north in degrees" };
        var province = new Option<string?>("--province") { Description = "Use the bounding box of this stored province (its polygon or its districts), e.g. 50" };
        var days = new Option<int>("--days") { Description = "Day range, 1 to 10", DefaultValueFactory = _ => 1 };
        var date = new Option<string?>("--date") { Description = "YYYY-MM-DD: the days start on this date (FIRMS' meaning); default the most recent days" };
        var baseUrl = new Option<string?>("--base-url") { Description = "API address (else $GIS_FIRMS_BASE_URL, else https://firms.modaps.eosdis.nasa.gov)" };
        var timeout = new Option<double>("--timeout") { Description = "Seconds allowed per try", DefaultValueFactory = _ => 60 };
        var tries = new Option<int>("--tries") { Description = "Tries per fetch; timeouts, connection errors, 5xx and cut bodies are retried with back-off", DefaultValueFactory = _ => 3 };
        // Tests shorten the back-off; users have no reason to.
        var retryDelay = new Option<double>("--retry-delay") { Hidden = true, DefaultValueFactory = _ => 2 };
        var command = new Command("firms", """
            Fetch FIRMS detections of an area from the FIRMS area API and import them as one batch, with the same
            duplicate rules as 'gis import firms' (a detection delivered again is stored once; standard data replaces
            NRT of the same satellite and UTC day). The whole answer is read and checked first: an HTML page, an error
            text (e.g. "Invalid MAP_KEY."), a cut or damaged body or an HTTP error stores nothing and exits with code 2.
            """)
        {
            mapKey, source, area, province, days, date, baseUrl, timeout, tries, retryDelay, GlobalOptions.Json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var json = parse.GetValue(GlobalOptions.Json);
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var dayCount = parse.GetValue(days);
            if (dayCount is < 1 or > 10)
                throw new FormatException($"--days {dayCount.ToString(CultureInfo.InvariantCulture)}: FIRMS serves 1 to 10 days per request.");
            DateOnly? day = parse.GetValue(date) is { } dateText
                ? DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    ? d : throw new FormatException($"--date {dateText}: expected YYYY-MM-DD.")
                : null;
            var (areaText, provinceText) = (parse.GetValue(area), parse.GetValue(province));
            if ((areaText is null) == (provinceText is null))
                throw new FormatException("Give either --area west,south,east,north or --province CODE.");
            var key = MapKey(parse.GetValue(mapKey));
            var baseText = parse.GetValue(baseUrl);
            if (string.IsNullOrEmpty(baseText))
                baseText = Environment.GetEnvironmentVariable("GIS_FIRMS_BASE_URL");
            var url = string.IsNullOrEmpty(baseText) ? FirmsAreaClient.DefaultBaseUrl
                : Uri.TryCreate(baseText, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp) ? u
                : throw new FormatException($"--base-url {baseText}: expected an http(s) URL.");

            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            BoundingBox box;
            if (areaText is not null)
            {
                box = BoundingBox.Parse(areaText);
            }
            else
            {
                var code = ReportOptions.ProvinceCode(provinceText!) ?? throw new FormatException("--province all: give one province code.");
                box = await new AdminAreaQueries(store).BoundingBoxAsync(code, ct)
                      ?? throw new FormatException($"--province {provinceText}: no polygon of province {code} or its districts is stored; run 'gis import boundaries FILE' first.");
            }

            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var client = new FirmsAreaClient(http, url, key)
            {
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                MaxAttempts = Math.Max(1, parse.GetValue(tries)),
                RetryDelay = TimeSpan.FromSeconds(parse.GetValue(retryDelay)),
                Log = line => error.WriteLine("gis: " + line),
            };
            var fetched = await client.FetchAsync(new FirmsAreaRequest(parse.GetValue(source)!, box, dayCount, day), ct);
            var result = await new FirmsImporter(store).ImportAsync(fetched.Input, strict: false, cancellationToken: ct);
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
                });
            }
            else
            {
                output.WriteLine($"{result.Source}: {Numbers.Count(fetched.Bytes)} bytes from {fetched.Url} ({fetched.Attempts} {(fetched.Attempts == 1 ? "try" : "tries")})");
                output.WriteLine($"  {Numbers.Count(result.Read)} read, {Numbers.Count(result.Stored)} new, {Numbers.Count(result.Duplicate)} already stored, " +
                                 $"{Numbers.Count(result.Rejected)} rejected [batch {result.BatchId}]");
                ImportCommands.WriteSupersede(output, result);
            }
            return 0;
        });
        return command;
    }

    /// <summary>The map key from the option, <c>FIRMS_MAP_KEY</c> or <c>$GIS_HOME/config.json</c>, in that order.</summary>
    private static string MapKey(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
            return option.Trim();
        if (Environment.GetEnvironmentVariable("FIRMS_MAP_KEY") is { Length: > 0 } env)
            return env.Trim();
        var config = Path.Combine(ManagedCluster.DefaultGisHome(), "config.json");
        if (File.Exists(config))
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(config));
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("firms_map_key", out var value) && value.GetString() is { Length: > 0 } key)
                    return key.Trim();
            }
            catch (JsonException e)
            {
                // The file's text is not repeated: it holds the key.
                throw new FormatException($"{config}: not valid JSON (line {e.LineNumber + 1}).", e);
            }
        }
        throw new FirmsApiException($"No FIRMS map key: give --map-key, set FIRMS_MAP_KEY, or put {{\"firms_map_key\": \"...\"}} in {config}.");
    }
}
