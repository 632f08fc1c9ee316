using System.CommandLine;
using System.Globalization;
using Gis.Cli.Options;
using Gis.Cli.Output;
using Gis.Core;
using Gis.Core.Admin;
using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Targets;
using Gis.Importers.Alerts;
using Gis.Importers.Store;
using Gis.Rendering.Alerts;
using Gis.Rendering.Maps;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Gis.Cli.Commands;

/// <summary>
/// <c>gis alerts add|list|remove|restore|test|deliver</c>: the rules that tell officers about new detections in their area, and
/// one delivery pass of the outbox the imports fill (ADR 0033).
/// </summary>
internal static class AlertsCommand
{
    public static Command Create()
    {
        var alerts = new Command("alerts", "Alert rules: who is told about new fire detections in which area, and their delivery");
        alerts.Subcommands.Add(Add());
        alerts.Subcommands.Add(List());
        alerts.Subcommands.Add(Remove());
        alerts.Subcommands.Add(Restore());
        alerts.Subcommands.Add(Test());
        alerts.Subcommands.Add(Deliver());
        return alerts;
    }

    private static Command Add()
    {
        var name = new Argument<string>("name") { Description = "The rule's name (unique)" };
        var province = ProvinceOptions.WithoutDefault("whose detections the rule tells about (by the district they are counted in)");
        var district = new Option<string?>("--district") { Description = "A district (DOPA code, e.g. 5010) instead of a province" };
        var projectArea = new Option<long?>("--project-area") { Description = "A stored project area (its id, 'gis projects list')" };
        var polygon = new Option<string?>("--polygon") { Description = "A polygon as WKT in lon lat order (EPSG:4326)" };
        var buffer = new Option<double>("--buffer") { Description = "Metres around the area (on the ellipsoid)" };
        var minConfidence = new Option<string?>("--min-confidence") { Description = "Lowest confidence class told about: l, n or h" };
        minConfidence.AcceptOnlyFromAmong("l", "n", "h");
        var minFrp = new Option<double?>("--min-frp") { Description = "Lowest fire radiative power told about, MW" };
        var maxAge = new Option<string>("--max-age")
        {
            Description = "Detections acquired longer than this before their import are history, not news: 12h, 2d",
            DefaultValueFactory = _ => "2d",
        };
        var email = new Option<string?>("--email") { Description = "E-mail addresses, comma-separated" };
        var webhook = new Option<string?>("--webhook") { Description = "Webhook URL the message is POSTed to" };
        var format = new Option<string>("--webhook-format")
        {
            Description = "json (figures, detections, map as base64 PNG) or line (LINE Messaging API push body; needs --line-to)",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "line");
        var lineTo = new Option<string?>("--line-to") { Description = "The LINE user, group or room id a 'line' push goes to" };
        var lang = RenderOptions.Lang("the messages");
        var disabled = new Option<bool>("--disabled") { Description = "Store the rule paused" };
        var trigger = new Option<string>("--trigger")
        {
            Description = "new-detections; above-baseline (season-to-date count above the baseline-to-date); cap-run-rate (the "
                + "season's run-rate projection above the cap); digest (daily, yesterday's detections); report (season or fiscal-year "
                + "report on a schedule). All but new-detections take a --province or --district, without --buffer",
            DefaultValueFactory = _ => AlertTriggers.NewDetections,
        };
        trigger.AcceptOnlyFromAmong([.. AlertTriggers.All]);
        var baseline = PeriodOptions.Baseline("above-baseline and cap-run-rate");
        var seasonEnd = new PeriodOptions("unused", required: false).SeasonEndMonth;
        var cap = new Option<double?>("--cap")
        {
            Description = "cap-run-rate: the most detections allowed in the area's season "
            + "(default: the baseline's whole season x (1 + --target/100))"
        };
        var target = new TargetOptions().Target;
        var hour = new Option<int>("--hour")
        {
            Description = "digest and report: the Bangkok hour (0-23) from which the day's message is due",
            DefaultValueFactory = _ => 7,
        };
        var report = new Option<string?>("--report") { Description = "report: the period reported, season or fiscal (year in progress)" };
        report.AcceptOnlyFromAmong("season", "fiscal");
        var every = new Option<string>("--every")
        {
            Description = "report: day, week (Mondays), month (the 1st) or end (once, the day after the period ends)",
            DefaultValueFactory = _ => "month",
        };
        every.AcceptOnlyFromAmong("day", "week", "month", "end");
        var command = new Command("add", """
            Add a rule: when an import (gis import firms, gis fetch firms, gis watch firms) stores counted detections in the
            area that the rule has not told about, one message per channel is queued in the same transaction; 'gis alerts
            deliver' or the watcher sends it. A detection is told once per rule, also when standard data replaces its NRT record.
            """)
        {
            name, province, district, projectArea, polygon, buffer, minConfidence, minFrp, maxAge, email, webhook, format, lineTo, lang,
            disabled, trigger, baseline, seasonEnd, cap, target, hour, report, every,
        };
        command.SetAction(async (parse, ct) =>
        {
            var given = new object?[] { parse.GetValue(province), parse.GetValue(district), parse.GetValue(projectArea),
                parse.GetValue(polygon) }.Count(v => v is not null);
            if (given != 1)
                throw new FormatException("Give exactly one area: --province, --district, --project-area or --polygon.");
            var area = parse.GetValue(province) is { } p ? new AlertArea(ProvinceOptions.ProvinceCode(p)
                    ?? throw new FormatException("--province all: give one province code."))
                : parse.GetValue(district) is { } d ? new AlertArea(AlertRuleChecks.DistrictCode(d, "--district"))
                : parse.GetValue(projectArea) is { } id ? new AlertArea(ProjectAreaId: id)
                : new AlertArea(Drawn: AlertRuleChecks.Polygon(Wkt(parse.GetValue(polygon)!), "--polygon"));
            // The same checks as the workstation's (AlertRuleChecks), named by the options.
            var recipients = AlertRuleChecks.Recipients((parse.GetValue(email) ?? "").Split(','), parse.GetValue(webhook),
                parse.GetValue(format), parse.GetValue(lineTo), ("--email", "--webhook", "--webhook-format", "--line-to"));
            var bufferMeters = AlertRuleChecks.BufferMeters(parse.GetValue(buffer), "--buffer");
            var kind = parse.GetValue(trigger)!;
            var rule = new AlertRule(parse.GetValue(name)!, area, recipients, bufferMeters,
                parse.GetValue(minConfidence) is { } c ? Confidences.TryParseClass(c) : null,
                AlertRuleChecks.MinFrpMw(parse.GetValue(minFrp), "--min-frp"), FetchCommand.Interval(parse.GetValue(maxAge)!, "--max-age"),
                parse.GetValue(lang)!, !parse.GetValue(disabled))
            {
                Trigger = kind,
                Season = AlertTriggers.Season.Contains(kind)
                    ? new SeasonCheck(SeasonBaseline(parse.GetValue(baseline)!), parse.GetValue(seasonEnd), parse.GetValue(cap) is { } n
                        ? n > 0 ? n : throw new FormatException("--cap: a number of detections, more than 0.") : null,
                        parse.GetValue(target))
                    : null,
                Schedule = kind is AlertTriggers.Digest or AlertTriggers.Report
                    ? new AlertSchedule(
                        parse.GetValue(hour) is var h and >= 0 and <= 23 ? h : throw new FormatException("--hour: 0 to 23."),
                        kind == AlertTriggers.Report ? parse.GetValue(report) ?? throw new FormatException(
                            "--trigger report needs --report season or --report fiscal.") : null,
                        kind == AlertTriggers.Report ? parse.GetValue(every) : null)
                    : null,
            };
            if (kind != AlertTriggers.NewDetections && (area.Code is null || bufferMeters > 0))
                throw new FormatException($"--trigger {kind} looks at a --province or --district, without --buffer.");
            if (parse.GetValue(seasonEnd) is < 1 or > 12)
                throw new FormatException("--season-end-month: 1 to 12.");
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            var added = await new AlertRules(store).AddAsync(rule, ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"Added alert rule {added.Name} (id {added.Id.ToString(CultureInfo.InvariantCulture)}): {Describe(added)}");
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var format = OutputOptions.Format();
        var command = new Command("list", "The stored alert rules, with their messages waiting and delivered") { format };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            var rules = await new AlertRules(store).ListAsync(ct);
            var counts = await new AlertOutbox(store).CountsAsync(ct);
            var output = parse.InvocationConfiguration.Output;
            var rows = rules.Select(r => (Rule: r, Counts: counts.GetValueOrDefault(r.Id))).ToList();
            switch (parse.GetValue(format))
            {
                case "json":
                    Json.Write(output, rows.Select(r => new
                    {
                        r.Rule.Id,
                        r.Rule.Name,
                        r.Rule.Trigger,
                        Area = r.Rule.Area.ToString(),
                        r.Rule.BufferMeters,
                        MinConfidence = r.Rule.MinConfidence is { } c ? Confidences.Code(c).ToString() : null,
                        r.Rule.MinFrpMw,
                        MaxAgeHours = (r.Rule.MaxAge ?? AlertRule.DefaultMaxAge).TotalHours,
                        r.Rule.Recipients.Emails,
                        Webhook = r.Rule.Recipients.Webhook?.Host,
                        r.Rule.Recipients.WebhookFormat,
                        r.Rule.Season,
                        r.Rule.Schedule,
                        r.Rule.Language,
                        r.Rule.Enabled,
                        r.Counts.Waiting,
                        r.Counts.Delivered,
                    }));
                    break;
                default:
                    var table = rows.Select(r => new[]
                    {
                        r.Rule.Name, Describe(r.Rule), r.Rule.Enabled ? "yes" : "no", Numbers.Count(r.Counts.Waiting),
                        Numbers.Count(r.Counts.Delivered),
                    }).ToList();
                    string[] header = ["rule", "what", "enabled", "waiting", "delivered"];
                    if (parse.GetValue(format) == "csv")
                    {
                        foreach (var line in table.Prepend(header))
                            await output.WriteLineAsync(Csv.Line(line));
                    }
                    else
                    {
                        var text = new TextTable(header).AlignRight(3, 4);
                        foreach (var line in table)
                            text.Add(line);
                        text.WriteTo(output);
                    }
                    break;
            }
            return 0;
        });
        return command;
    }

    private static Command Remove() => RuleCommand("remove", """
        Take a rule out of force: it queues nothing more, and its messages not yet delivered are held, not sent. The rule,
        those messages and its memory of what it told are kept: 'gis alerts restore NAME' brings them back.
        """, (rules, rule, ct) => rules.RemoveAsync(rule, ct), rule => $"No alert rule '{rule}' (see 'gis alerts list').",
        (rule, held) => $"Removed alert rule {rule}; " + (held == 0
            ? "it had no undelivered message."
            : $"its {Messages(held)} not yet delivered {(held == 1 ? "is" : "are")} held, not sent.")
            + $" 'gis alerts restore {rule}' brings it back.");

    private static Command Restore() => RuleCommand("restore", """
        Put a removed rule back in force (the one removed last of that name), with the messages it held (the next delivery
        sends them) and its memory, so it does not tell again what it told before.
        """, (rules, rule, ct) => rules.RestoreAsync(rule, ct), rule => $"No removed alert rule '{rule}'.",
        (rule, held) => $"Restored alert rule {rule} with {Messages(held)} to deliver.");

    /// <summary>A command on one rule by name whose act answers the rule's undelivered messages, or null for no such rule.</summary>
    private static Command RuleCommand(string verb, string description, Func<AlertRules, string, CancellationToken, Task<int?>> act,
        Func<string, string> notFound, Func<string, int, string> done)
    {
        var name = new Argument<string>("name") { Description = "The rule's name" };
        var command = new Command(verb, description) { name };
        command.SetAction(async (parse, ct) =>
        {
            var rule = parse.GetValue(name)!;
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            var held = await act(new AlertRules(store), rule, ct) ?? throw new StoreException(notFound(rule));
            await parse.InvocationConfiguration.Output.WriteLineAsync(done(rule, held));
            return 0;
        });
        return command;
    }

    private static string Messages(int n) => Numbers.Count(n) + (n == 1 ? " message" : " messages");

    private static Command Test()
    {
        var name = new Argument<string>("name") { Description = "The rule's name" };
        var map = new Option<string?>("--map") { Description = "Also draw the message's map to this PNG file" };
        var command = new Command("test", """
            Evaluate a rule now, as if its area's counted detections of the last --max-age were new, and print the message it
            would send (those it has told about already left out). Sends nothing and writes nothing to the store.
            """)
        { name, map };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            var rule = await new AlertRules(store).FindAsync(parse.GetValue(name)!, ct)
                ?? throw new StoreException($"No alert rule '{parse.GetValue(name)}' (see 'gis alerts list').");
            var output = parse.InvocationConfiguration.Output;
            if (rule.Trigger != AlertTriggers.NewDetections)
            {
                await TestScheduledOrSeasonAsync(store, rule, output, ct);
                return 0;
            }
            var ids = await AlertTrigger.PreviewAsync(store, rule, DateTimeOffset.UtcNow, ct);
            if (ids.Count == 0)
            {
                await output.WriteLineAsync($"Rule {rule.Name}: no detection to tell about now ({Describe(rule)}).");
                return 0;
            }
            using var http = new HttpClient();
            var content = await new AlertDelivery(store, AlertSettings.Load(), http).ComposeAsync(rule, ids, ct);
            await output.WriteLineAsync($"Rule {rule.Name} would send to {Recipients(rule)}:");
            await output.WriteAsync(content.Text);
            if (parse.GetValue(map) is { } path)
            {
                using var fonts = FontLocator.Locate();
                var png = await AlertMap.PngAsync(store, content, fonts, ct);
                if (png is null)
                {
                    await output.WriteLineAsync("No map: no detection lies in a district.");
                }
                else
                {
                    await File.WriteAllBytesAsync(path, png, ct);
                    await output.WriteLineAsync($"Wrote the map to {path}.");
                }
            }
            return 0;
        });
        return command;
    }

    /// <summary>What <c>test</c> says of a rule that does not look at new detections.</summary>
    private static async Task TestScheduledOrSeasonAsync(GisStore store, AlertRule rule, TextWriter output, CancellationToken ct)
    {
        if (rule.Season is null)
        {
            await output.WriteLineAsync($"Rule {rule.Name}: {Describe(rule)}; 'gis alerts deliver' (and the watcher) queue it when due.");
            return;
        }
        var figures = await SeasonTrigger.PreviewAsync(store, rule, DateTimeOffset.UtcNow, ct);
        if (figures is null)
        {
            await output.WriteLineAsync($"Rule {rule.Name}: no fire season in progress today ({Describe(rule)}).");
            return;
        }
        using var http = new HttpClient();
        var content = await new AlertDelivery(store, AlertSettings.Load(), http).ComposeAsync(rule, figures, ct);
        await output.WriteLineAsync(figures.Fires
            ? $"Rule {rule.Name} holds today; the next import would send to {Recipients(rule)} (once today):"
            : $"Rule {rule.Name} does not hold today; were it to, it would say:");
        await output.WriteAsync(content.Text);
    }

    private static Command Deliver()
    {
        var retryBase = RetryBase();
        var command = new Command("deliver", """
            One delivery pass: queue the digests and reports that fell due, then send every message due (e-mail via SMTP,
            webhooks), record failures with back-off. SMTP server,
            account and webhook token from GIS_SMTP_HOST, GIS_SMTP_PORT, GIS_SMTP_SECURITY, GIS_SMTP_USER, GIS_SMTP_PASSWORD,
            GIS_SMTP_FROM, GIS_SMTP_TLS_SHA256 (pin of a self-signed server), GIS_WEBHOOK_TOKEN, GIS_WORKSTATION_URL, or the
            same names in lower case without GIS_ in $GIS_HOME/config.json (mode 600). Exit 0 when everything due went out,
            1 when some failed (they wait for a later pass).
            """)
        { retryBase };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            var pass = await Delivery(store, http, parse.InvocationConfiguration.Error, parse.GetValue(retryBase)).DeliverDueAsync(ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"{Numbers.Count(pass.Delivered)} delivered, {Numbers.Count(pass.Failed)} failed, {Numbers.Count(pass.Waiting)} waiting"
                + (pass.Scheduled > 0 ? $" ({Numbers.Count(pass.Scheduled)} digest or report messages fell due)" : ""));
            return pass.Failed == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>The hidden <c>--retry-base</c> (seconds before the first retry); tests shorten it, users have no reason to.</summary>
    internal static Option<double> RetryBase() => new("--alert-retry-base") { Hidden = true, DefaultValueFactory = _ => 30 };

    /// <summary>The outbox's deliverer with the settings of the environment or config file and the maps of <c>gis map</c>.</summary>
    /// <param name="clock">What decides which digests and reports are due; the system clock unless a test sets one.</param>
    internal static AlertDelivery Delivery(GisStore store, HttpClient http, TextWriter error, double retryBaseSeconds,
        TimeProvider? clock = null) =>
        new(store, AlertSettings.Load(), http)
        {
            Clock = clock ?? TimeProvider.System,
            RetryBase = TimeSpan.FromSeconds(retryBaseSeconds),
            Log = line => error.WriteLine("gis: " + line),
            RenderMap = async (content, ct) =>
            {
                using var fonts = FontLocator.Locate();
                return await AlertMap.PngAsync(store, content, fonts, ct);
            },
            RenderReport = async (rule, figures, ct) =>
            {
                using var fonts = FontLocator.Locate();
                return await AlertReport.FilesAsync(store, rule, figures, fonts, ct);
            },
        };

    /// <summary>The baseline of a season trigger as stored: previous, mean:N or season:YYYY (BE).</summary>
    private static string SeasonBaseline(string text) => Baseline.Parse(text) switch
    {
        PreviousBaseline { Count: 1 } => "previous",
        PreviousBaseline p => string.Create(CultureInfo.InvariantCulture, $"mean:{p.Count}"),
        FixedBaseline { Period.Kind: PeriodKind.Season } f => f.Period.Label,
        _ => throw new FormatException($"--baseline {text}: a season trigger compares seasons: previous, mean:N or season:YYYY."),
    };

    /// <summary>The geometry of a WKT text (lon lat); whether it is a valid polygon is AlertRuleChecks' to say.</summary>
    private static Geometry Wkt(string wkt)
    {
        try
        {
            return new WKTReader().Read(wkt);
        }
        catch (ParseException e)
        {
            throw new FormatException($"--polygon: not WKT ({e.Message}).", e);
        }
    }

    private static string Describe(AlertRule rule)
    {
        var recipients = $", to {Recipients(rule)} ({rule.Language})";
        switch (rule.Trigger)
        {
            case AlertTriggers.AboveBaseline:
                return $"season-to-date in {rule.Area} above the baseline-to-date ({rule.Season!.Baseline}){recipients}";
            case AlertTriggers.CapRunRate:
                var cap = rule.Season!.Cap is { } n ? string.Create(CultureInfo.InvariantCulture, $"{n:0.#}")
                    : string.Create(CultureInfo.InvariantCulture, $"{rule.Season.Baseline} x (1 {rule.Season.TargetPercent:+0.#;-0.#} %)");
                return $"season run-rate in {rule.Area} above the cap {cap}{recipients}";
            case AlertTriggers.Digest:
                return string.Create(CultureInfo.InvariantCulture,
                    $"daily digest of {rule.Area} from {rule.Schedule!.BangkokHour:00}:00 Bangkok{recipients}");
            case AlertTriggers.Report:
                return string.Create(CultureInfo.InvariantCulture, $"{rule.Schedule!.ReportPeriod} report of {rule.Area} every "
                    + $"{rule.Schedule.ReportEvery} from {rule.Schedule.BangkokHour:00}:00 Bangkok{recipients}");
        }
        var text = "new detections in " + rule.Area;
        if (rule.BufferMeters > 0)
            text += string.Create(CultureInfo.InvariantCulture, $" + {rule.BufferMeters:0} m");
        if (rule.MinConfidence is { } c)
            text += ", confidence " + Confidences.Code(c) + "+";
        if (rule.MinFrpMw is { } frp)
            text += string.Create(CultureInfo.InvariantCulture, $", FRP >= {frp:0.#} MW");
        var maxAge = (rule.MaxAge ?? AlertRule.DefaultMaxAge).TotalHours;
        return text + string.Create(CultureInfo.InvariantCulture, $", at most {maxAge:0.#} h old") + recipients;
    }

    private static string Recipients(AlertRule rule) => string.Join(", ", rule.Recipients.Emails.Concat(
        rule.Recipients.Webhook is { } w ? [$"webhook {w.Host} ({rule.Recipients.WebhookFormat})"] : []));
}
