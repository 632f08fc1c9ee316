using System.Globalization;
using Gis.Core.Hotspots;
using Gis.Core.Plans;
using Gis.Core.Units;
using Gis.Rendering.Maps;
using SkiaSharp;

namespace Gis.Rendering.Reports;

/// <summary>A page of the report: what it shows and its number (1-based).</summary>
public abstract record ReportPage(int Number);

/// <summary>The province page: heading and map on the first, then a run of the district table (continued pages repeat its
/// header).</summary>
public sealed record ProvincePage(int Number, bool First, int FirstRow, int RowCount) : ReportPage(Number);

/// <summary>A page of the table of contents.</summary>
public sealed record ContentsPage(int Number, int FirstEntry, int EntryCount) : ReportPage(Number);

/// <summary>The atlas page of one district.</summary>
public sealed record DistrictPage(int Number, int DistrictIndex) : ReportPage(Number);

/// <summary>A line of the table of contents and the page it points to.</summary>
public sealed record ContentsEntry(string Text, int Page);

/// <summary>
/// Lays out and draws a <see cref="ReportModel"/> on A4 portrait pages in PDF points: the province section (map and
/// the table of both targets, breaking across pages with the header repeated), the table of contents, then one
/// atlas page per district. Pagination is settled before anything is drawn, so the contents and "page n of N"
/// are known on every page. Every page has the same header (title, period, date made) and footer (page number).
/// </summary>
public sealed class ReportDocument : IDisposable
{
    /// <summary>A4 portrait.</summary>
    public static readonly PageSize Paper = new(210, 297);

    private const float Mm = (float)(1 / PageSize.MmPerPoint);
    private const float TableFont = 7f;
    private const float ContentsLine = 16f;
    private static readonly SKColor Ink = new(0x20, 0x20, 0x20);
    private static readonly SKColor Muted = new(0x60, 0x60, 0x60);
    private static readonly SKColor Rule = new(0x90, 0x90, 0x90);

    private static readonly SKRect Body = new(15 * Mm, 24 * Mm, (210 - 15) * Mm, (297 - 19) * Mm);
    private static readonly PageSize ProvinceMapSize = new(180, 110);
    private static readonly PageSize DistrictMapSize = new(180, 128);
    private const float HeadingHeight = 14 * Mm;

    private readonly ReportModel _model;
    private readonly MapText _text;
    private readonly MapRenderer _maps;
    private readonly ReportTable _table;
    private readonly List<TableRow> _rows;
    private readonly bool _th;
    private readonly List<string> _sources;

    private const float SourcesFont = 9f;

    private float SourcesHeight => _sources.Count == 0 ? 0 : 12 * Mm + _sources.Count * SourcesFont * 1.5f;

    /// <summary>Lays out the report; <see cref="Pages"/> and <see cref="Contents"/> are final once this returns.</summary>
    public ReportDocument(ReportModel model, MapFonts fonts)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _th = model.Thai;
        _text = new MapText(fonts, glyphsAsPaths: false);
        _maps = new MapRenderer(fonts);
        (_table, _rows) = ProvinceTable();
        SummaryRows = _rows;

        var pages = new List<ReportPage>();
        var firstRoom = Body.Height - HeadingHeight - ProvinceMapSize.HeightPt - 4 * Mm;
        foreach (var (first, count) in _table.Paginate(_rows, firstRoom, Body.Height))
            pages.Add(new ProvincePage(pages.Count + 1, pages.Count == 0, first, count));
        var entriesPerPage = (int)((Body.Height - HeadingHeight) / ContentsLine);
        var contentsPages = (1 + model.Districts.Count + entriesPerPage - 1) / entriesPerPage;
        // The sources close the contents: on its last page when they fit under the entries, else on a page of their own.
        _sources = [.. (model.Sources ?? []).SelectMany(line => _text.Wrap(line, SourcesFont, Body.Width))];
        var lastEntries = 1 + model.Districts.Count - (contentsPages - 1) * entriesPerPage;
        var sourcesFit = Body.Height - HeadingHeight - lastEntries * ContentsLine >= SourcesHeight;
        if (_sources.Count > 0 && !sourcesFit)
            contentsPages++;
        var firstDistrictPage = pages.Count + contentsPages + 1;
        Contents =
        [
            new ContentsEntry(_th ? "แผนที่และตารางสรุป " + model.PlaceName : "Map and summary table, " + model.PlaceName, 1),
            .. model.Districts.Select((d, i) =>
                new ContentsEntry($"{(_th ? "อำเภอ" : "")}{d.Name(_th)}{(_th ? "" : " district")} ({d.Code})", firstDistrictPage + i)),
        ];
        for (var i = 0; i < contentsPages; i++)
            pages.Add(new ContentsPage(pages.Count + 1, i * entriesPerPage,
                Math.Max(0, Math.Min(entriesPerPage, Contents.Count - i * entriesPerPage))));
        for (var i = 0; i < model.Districts.Count; i++)
            pages.Add(new DistrictPage(pages.Count + 1, i));
        Pages = pages;
    }

    /// <summary>Top of the map's frame on a district page, points from the top of the paper.</summary>
    internal static float DistrictMapTop => Body.Top + HeadingHeight - 2 * Mm;

    /// <summary>Every text drawn so far, with its place (what tests check positions on).</summary>
    internal IReadOnlyList<PlacedText> Placed => _text.Placed;

    /// <summary>The columns of the province table (the Word report sets them as a Word table).</summary>
    internal IReadOnlyList<TableColumn> SummaryColumns { get; private set; } = [];

    /// <summary>The headers above the province table's columns.</summary>
    internal IReadOnlyList<TableGroup> SummaryGroups { get; private set; } = [];

    /// <summary>The province table's rows: one per district, then the province's.</summary>
    internal IReadOnlyList<TableRow> SummaryRows { get; }

    /// <summary>What the report compared, under its title.</summary>
    internal string Subtitle => SubtitleText();

    /// <summary>The section heading of the province map and table.</summary>
    internal string SummaryHeading => Contents[0].Text;

    /// <summary>The trend chart's heading.</summary>
    internal string TrendHeading => _th ? "จุดความร้อนย้อนหลัง (จุด)" : "Hotspots over the years (detections)";

    /// <summary>A district's heading, e.g. "อำเภอแม่แจ่ม (5003)".</summary>
    internal string DistrictHeading(DistrictReport d) =>
        (_th ? "อำเภอ" + d.Hotspots.NameTh : d.Hotspots.NameEn + " district") + $" ({d.Code})";

    /// <summary>Every page in order.</summary>
    public IReadOnlyList<ReportPage> Pages { get; }

    /// <summary>The table of contents.</summary>
    public IReadOnlyList<ContentsEntry> Contents { get; }

    /// <summary>Draws <paramref name="page"/> on a canvas of <see cref="Paper"/> size in points.</summary>
    public void Draw(SKCanvas canvas, ReportPage page)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        canvas.Clear(SKColors.White);
        DrawHeaderAndFooter(canvas, page);
        switch (page)
        {
            case ProvincePage p: DrawProvince(canvas, p); break;
            case ContentsPage p: DrawContents(canvas, p); break;
            case DistrictPage p: DrawDistrict(canvas, _model.Districts[p.DistrictIndex]); break;
        }
    }

    private void DrawHeaderAndFooter(SKCanvas canvas, ReportPage page)
    {
        using var rule = new SKPaint { Color = Rule, StrokeWidth = 0.5f, Style = SKPaintStyle.Stroke };
        var top = 12 * Mm;
        _text.Draw(canvas, _text.Fit(_model.Title, 8.5f, Body.Width * 0.6f, bold: true), Body.Left, top + 4 * Mm, 8.5f, Ink, bold: true);
        var made = (_th ? "จัดทำเมื่อ " : "Made ") + MapDataLoader.DayText(_model.Request.MadeOn, _th) + (_th ? "" : " BE");
        _text.Draw(canvas, _model.PeriodText, Body.Right, top + 4 * Mm, 8, Muted, SKTextAlign.Right);
        _text.Draw(canvas, made, Body.Right, top + 8 * Mm, 8, Muted, SKTextAlign.Right);
        // Every page states what its hotspot figures rest on: the days with data of the period and of the baseline.
        var coverage = MapDataLoader.CoverageText(_model.Reduction.PeriodCoverage, _model.Reduction.BaselineCoverage, _th);
        _text.Draw(canvas, _text.Fit(coverage, 7, Body.Width * 0.6f), Body.Left, top + 8 * Mm, 7, Muted);
        canvas.DrawLine(Body.Left, top + 10 * Mm, Body.Right, top + 10 * Mm, rule);

        var bottom = Paper.HeightPt - 12 * Mm;
        canvas.DrawLine(Body.Left, bottom - 5 * Mm, Body.Right, bottom - 5 * Mm, rule);
        var number = _th
            ? string.Create(CultureInfo.InvariantCulture, $"หน้า {page.Number}/{Pages.Count}")
            : string.Create(CultureInfo.InvariantCulture, $"Page {page.Number} of {Pages.Count}");
        _text.Draw(canvas, number, Body.Right, bottom - 1 * Mm, 8.5f, Ink, SKTextAlign.Right);
        var by = _model.Request.Author is { Length: > 0 } author ? (_th ? "ผู้จัดทำ: " : "By ") + author + " · " : "";
        _text.Draw(canvas, by + (_th ? "จัดทำด้วย gis report" : "Made with gis report"), Body.Left, bottom - 1 * Mm, 7.5f, Muted);
    }

    private void DrawProvince(SKCanvas canvas, ProvincePage page)
    {
        var y = Body.Top;
        if (page.First)
        {
            // A long title shrinks to the width (down to 11 pt) before it is cut.
            var size = 15f;
            while (size > 11 && _text.Measure(_model.Title, size, bold: true) > Body.Width)
                size -= 0.5f;
            _text.Draw(canvas, _text.Fit(_model.Title, size, Body.Width, bold: true), Body.Left, y + 6 * Mm, size, Ink, bold: true);
            _text.Draw(canvas, _text.Fit(Subtitle, 9, Body.Width), Body.Left, y + 11.5f * Mm, 9, Muted);
            y += HeadingHeight;
            DrawMap(canvas, _model.ProvinceMap, ProvinceMapSize, y);
            y += ProvinceMapSize.HeightPt + 4 * Mm;
        }
        else
        {
            _text.Draw(canvas, _th ? "ตารางสรุปรายอำเภอ (ต่อ)" : "District table (continued)", Body.Left, y + 5 * Mm, 11, Ink, bold: true);
            y += 9 * Mm;
        }
        _table.Draw(canvas, Body.Left, y, _rows.Skip(page.FirstRow).Take(page.RowCount));
    }

    /// <summary>The heading of a district's reduction figures, naming its own target (e.g. "down 10 %" for -10).</summary>
    private string TargetHeading(double targetPercent)
    {
        var size = Math.Abs(targetPercent).ToString("0.##", CultureInfo.InvariantCulture);
        return (_th, targetPercent <= 0) switch
        {
            (true, true) => $"เป้าหมาย 1: ลดจุดความร้อน {size} %",
            (true, false) => $"เป้าหมาย 1: จุดความร้อนเพิ่มไม่เกิน {size} %",
            (false, true) => $"Target 1: hotspots down {size} %",
            _ => $"Target 1: hotspots up at most {size} %",
        };
    }

    private string SubtitleText()
    {
        var request = _model.Request;
        var series = (request.Filter ?? new HotspotFilter()).SeriesText;
        var baseline = MapDataLoader.BaselineText(request.Baseline, request.Period, _th);
        var reduction = _th ? $"จุดความร้อน ({series}) เทียบกับ{baseline}" : $"Hotspots ({series}) against {baseline}";
        var green = _model.Green is { } g
            ? (_th ? $" · พื้นที่สีเขียว: การใช้ที่ดิน {g.Change.FromYear} ถึง {g.Change.ToYear}, เป้าหมายจัดสรรปี {g.Year}"
                   : $" · green area: land use {g.Change.FromYear} to {g.Change.ToYear} BE, allocation of {g.Year} BE")
            : "";
        return reduction + green;
    }

    private void DrawMap(SKCanvas canvas, MapModel map, PageSize size, float y)
    {
        canvas.Save();
        canvas.Translate(Body.Left, y);
        canvas.ClipRect(new SKRect(0, 0, size.WidthPt, size.HeightPt));
        _maps.Draw(canvas, map, new MapLayout(size, map.ExtentUtm, inset: true));
        canvas.Restore();
    }

    private (ReportTable Table, List<TableRow> Rows) ProvinceTable()
    {
        var th = _th;
        var green = _model.Green is not null;
        List<TableColumn> columns =
        [
            new(th ? "อำเภอ" : "District", 74),
            new(th ? "จุดความร้อน" : "Hotspots", 40, Right: true),
            new(th ? "ฐาน" : "Baseline", 38, Right: true),
            new(th ? "เปลี่ยน %" : "Change %", 38, Right: true),
            new(th ? "เป้า %" : "Target %", 34, Right: true),
            new(th ? "ผล" : "Result", 48),
        ];
        List<TableGroup> groups = [new(th ? "เป้าหมาย 1: ลดจุดความร้อน" : "Target 1: fewer hotspots", 1, 5)];
        if (green)
        {
            columns.AddRange(
            [
                new(th ? "เขียวสุทธิ ไร่" : "Net green rai", 46, Right: true),
                new(th ? "จัดสรร ไร่" : "Allotted rai", 42, Right: true),
                new(th ? "ผล" : "Result", 52),
            ]);
            groups.Add(new(th ? "เป้าหมาย 2: เพิ่มพื้นที่สีเขียว" : "Target 2: more green area", 6, 8));
        }
        columns.Add(new(th ? "โครงการที่รับผิดชอบ" : "Responsible projects", Body.Width - columns.Sum(c => c.Width)));
        var table = new ReportTable(columns, groups, _text, TableFont);
        (SummaryColumns, SummaryGroups) = (columns, groups);

        var rows = new List<TableRow>();
        foreach (var d in _model.Districts)
        {
            var h = d.Hotspots;
            List<TableCell> cells = [new(d.Name(th)), .. ReductionCells(h)];
            if (green)
                cells.AddRange(GreenCells(d.Green!.NetRai, d.AllocationRai, d.GreenClass));
            cells.Add(new(string.Join(" ", d.Projects.Select(p => p.ProjectCode))));
            rows.Add(new TableRow(cells));
        }
        var province = _model.Reduction.Province;
        List<TableCell> total = [new(th ? "รวมทั้งจังหวัด" : "Province"), .. ReductionCells(province)];
        if (_model.Green is { } g)
        {
            int? allocation = g.Allocation.Count > 0 ? g.Allocation.Values.Sum() : null;
            var net = g.Change.Districts.Sum(x => x.NetRai);
            total.AddRange(GreenCells(net, allocation, MapDataLoader.GreenClass(net, allocation)));
        }
        // Projects of the whole province (no district, no area: a province or cluster line) have no district row to sit in.
        total.Add(new(string.Join(" ", _model.Province.Projects.Where(p => p.ProvinceWide)
            .Select(p => $"{p.ProjectCode} ({(th ? "ทั้งจังหวัด" : "province-wide")})"))));
        rows.Add(new TableRow(total, Total: true));
        return (table, rows);
    }

    private IEnumerable<TableCell> ReductionCells(Core.Targets.HotspotTargetRow h) =>
    [
        new(ReportFormat.Count(h.Count)),
        new(ReportFormat.Baseline(h.Baseline)),
        new(ReportFormat.Percent(h.ChangePercent)),
        new(ReportFormat.Percent(h.TargetPercent)),
        new(ReportFormat.Status(h.Status, _th), ReportFormat.StatusColor(h.Status)),
    ];

    private IEnumerable<TableCell> GreenCells(double netRai, int? allocation, string? greenClass) =>
    [
        new(ReportFormat.Rai(netRai)),
        new(allocation is { } a ? ReportFormat.Count(a) : "-"),
        new(ReportFormat.GreenStatus(greenClass, _th), ReportFormat.GreenColor(greenClass)),
    ];

    private void DrawContents(SKCanvas canvas, ContentsPage page)
    {
        var y = Body.Top;
        _text.Draw(canvas, _th ? "สารบัญ" : "Contents", Body.Left, y + 7 * Mm, 15, Ink, bold: true);
        y += HeadingHeight;
        using var dots = new SKPaint
        {
            Color = Rule,
            StrokeWidth = 0.6f,
            Style = SKPaintStyle.Stroke,
            PathEffect = SKPathEffect.CreateDash([0.6f, 2.4f], 0),
        };
        foreach (var entry in Contents.Skip(page.FirstEntry).Take(page.EntryCount))
        {
            y += ContentsLine;
            var number = entry.Page.ToString(CultureInfo.InvariantCulture);
            _text.Draw(canvas, entry.Text, Body.Left, y, 10, Ink);
            var textRight = Body.Left + _text.Measure(entry.Text, 10) + 3;
            var numberLeft = Body.Right - _text.Measure(number, 10) - 3;
            canvas.DrawLine(textRight, y, numberLeft, y, dots);
            _text.Draw(canvas, number, Body.Right, y, 10, Ink, SKTextAlign.Right);
        }
        if (page.Number != Pages.OfType<ContentsPage>().Last().Number || _sources.Count == 0)
            return;
        y = Math.Max(y + 6 * Mm, Body.Top + HeadingHeight);
        _text.Draw(canvas, _model.SourcesHeading, Body.Left, y + 4 * Mm, 11, Ink, bold: true);
        y += 6 * Mm;
        foreach (var line in _sources)
        {
            y += SourcesFont * 1.5f;
            _text.Draw(canvas, line, Body.Left, y, SourcesFont, Ink);
        }
    }

    private void DrawDistrict(SKCanvas canvas, DistrictReport d)
    {
        var y = Body.Top;
        var h = d.Hotspots;
        // The name in the other language sits between the heading and the map's frame, clear of both: its descenders
        // (g, p, y of an English name) and a Thai name's tone marks used to touch them.
        _text.Draw(canvas, DistrictHeading(d), Body.Left, y + 5.5f * Mm, 15, Ink, bold: true);
        _text.Draw(canvas, _th ? d.Hotspots.NameEn : d.Hotspots.NameTh, Body.Left, y + 10.3f * Mm, 9, Muted);
        y = DistrictMapTop;
        DrawMap(canvas, d.Map, DistrictMapSize, y);
        y += DistrictMapSize.HeightPt + 3 * Mm;

        // The two targets side by side.
        var half = (Body.Width - 6 * Mm) / 2;
        var (reductionTitle, reduction) = ReductionFigures(d);
        var bottom = DrawFigures(canvas, Body.Left, y, half, reductionTitle, reduction);
        var (greenTitle, green) = GreenFigures(d);
        bottom = Math.Max(bottom, DrawFigures(canvas, Body.Left + half + 6 * Mm, y, half, greenTitle, green));
        y = bottom + 3 * Mm;

        _text.Draw(canvas, TrendHeading, Body.Left, y + 4 * Mm, 10, Ink, bold: true);
        var chart = new SKRect(Body.Left, y + 6 * Mm, Body.Right, y + 44 * Mm);
        TrendChart.Draw(canvas, _text, chart, h, d.Trend, _th);
        y = chart.Bottom + 4 * Mm;

        DrawProjects(canvas, d, y);
    }

    /// <summary>The district's hotspot figures under the heading naming its target, as its page prints them.</summary>
    internal (string Title, IReadOnlyList<(string Label, string Value, MapColor? Swatch)> Rows) ReductionFigures(DistrictReport d)
    {
        var h = d.Hotspots;
        var sensors = string.Join(", ", h.BySensor.Select(kv => $"{kv.Key} {ReportFormat.Count(kv.Value)}"));
        (string, string, MapColor?)[] rows =
        [
            (_th ? "จุดความร้อน " + MapDataLoader.PeriodName(_model.Request.Period, true) : "Hotspots, "
                + MapDataLoader.PeriodName(_model.Request.Period, false), ReportFormat.Count(h.Count), null),
            ((_th ? "ฐาน: " : "Baseline: ") + MapDataLoader.BaselineText(_model.Request.Baseline, _model.Request.Period, _th),
                ReportFormat.Baseline(h.Baseline), null),
            (_th ? "เปลี่ยนแปลง %" : "Change %", ReportFormat.Percent(h.ChangePercent), null),
            (_th ? "เป้าหมาย %" : "Target %", ReportFormat.Percent(h.TargetPercent), null),
            (_th ? "ผล" : "Result", ReportFormat.Status(h.Status, _th), ReportFormat.StatusColor(h.Status)),
            (_th ? "ตามดาวเทียม" : "By satellite", sensors.Length == 0 ? "-" : sensors, null),
            .. h.Cap is { } cap
                ? new (string, string, MapColor?)[]
                {
                    (_th ? "เพดาน (จุด)" : "Cap (hotspots)", ReportFormat.Count((long)Math.Round(cap.Cap)), null),
                    (_th ? "ใช้เพดานไป %" : "Cap used %", cap.PercentUsed.ToString("0.0", CultureInfo.InvariantCulture), null),
                    (_th ? "คาดการณ์สิ้นช่วง (จุด)" : "Projected by period end", cap.ProjectedCount is { } p
                        ? p.ToString("0", CultureInfo.InvariantCulture) : "-", null),
                }
                : [],
        ];
        return (TargetHeading(h.TargetPercent), rows);
    }

    /// <summary>The district's green-area figures, or a line saying the report leaves the green target out.</summary>
    internal (string Title, IReadOnlyList<(string Label, string Value, MapColor? Swatch)> Rows) GreenFigures(DistrictReport d)
    {
        if (d.Green is { } g && _model.Green is { } report)
        {
            (string, string, MapColor?)[] rows =
            [
                (_th ? "เพิ่ม (ไร่)" : "Gain (rai)", ReportFormat.Rai(g.GainRai), null),
                (_th ? "ลด (ไร่)" : "Loss (rai)", ReportFormat.Rai(g.LossRai), null),
                (_th ? "สุทธิ (ไร่)" : "Net (rai)", ReportFormat.Rai(g.NetRai) + " (" + Rai.ToRaiNganWah(g.NetRai) + ")", null),
                ((_th ? "โครงการปลูกปี " : "Projects ") + report.Year.ToString(CultureInfo.InvariantCulture) + (_th ? " (ไร่)" : " (rai)"),
                    ReportFormat.Rai(d.GreenProjectsRai ?? 0), null),
                ((_th ? "เป้าหมายจัดสรรปี " : "Allocation ") + report.Year.ToString(CultureInfo.InvariantCulture)
                    + (_th ? " (ไร่)" : " (rai)"), d.AllocationRai is { } a ? ReportFormat.Count(a) : "-", null),
                (_th ? "ผล (สุทธิเทียบเป้าหมาย)" : "Result (net vs allocation)", ReportFormat.GreenStatus(d.GreenClass, _th),
                    ReportFormat.GreenColor(d.GreenClass)),
            ];
            var title = _th ? $"เป้าหมาย 2: พื้นที่สีเขียว {report.Change.FromYear} ถึง {report.Change.ToYear}"
                : $"Target 2: green area {report.Change.FromYear} to {report.Change.ToYear} BE";
            return (title, rows);
        }
        return (_th ? "เป้าหมาย 2: พื้นที่สีเขียว" : "Target 2: green area",
            [(_th ? "ไม่ได้คำนวณในรายงานนี้ (ไม่ได้เลือกข้อมูลการใช้ที่ดินสองปีที่จะเปรียบเทียบ)"
                : "not part of this report (no two land-use surveys were chosen to compare)", "", null)]);
    }

    /// <summary>A titled list of figures, label left and value right; returns the y below it.</summary>
    private float DrawFigures(SKCanvas canvas, float x, float y, float width, string title,
        IReadOnlyList<(string Label, string Value, MapColor? Swatch)> rows)
    {
        using var rule = new SKPaint { Color = Rule, StrokeWidth = 0.4f, Style = SKPaintStyle.Stroke };
        _text.Draw(canvas, title, x, y + 4 * Mm, 10, Ink, bold: true);
        y += 5.5f * Mm;
        canvas.DrawLine(x, y, x + width, y, rule);
        foreach (var (label, value, swatch) in rows)
        {
            y += 4.6f * Mm;
            _text.Draw(canvas, label, x, y - 1.3f * Mm, 8.5f, Ink);
            _text.Draw(canvas, value, x + width, y - 1.3f * Mm, 8.5f, Ink, SKTextAlign.Right, bold: swatch is not null);
            if (swatch is { } c)
            {
                using var fill = new SKPaint { Color = new SKColor(c.R, c.G, c.B) };
                var right = x + width - _text.Measure(value, 8.5f, bold: true) - 1.5f * Mm;
                canvas.DrawRect(new SKRect(right - 3 * Mm, y - 4.2f * Mm, right, y - 1.3f * Mm), fill);
            }
            canvas.DrawLine(x, y, x + width, y, rule);
        }
        return y;
    }

    private void DrawProjects(SKCanvas canvas, DistrictReport d, float y)
    {
        _text.Draw(canvas, ProjectsHeading, Body.Left, y + 4 * Mm, 10, Ink, bold: true);
        y += 4 * Mm;
        var lines = ProjectLines(d);
        var room = (int)((Body.Bottom - y) / (4.2f * Mm));
        if (lines.Count > room)
        {
            var more = lines.Count - room + 1;
            lines = [.. lines.Take(room - 1), _th ? $"และอีก {more} โครงการ (ดูตารางสถิติของรายงาน)"
                : $"and {more} more (see the report's statistics tables)"];
        }
        foreach (var line in lines)
        {
            y += 4.2f * Mm;
            _text.Draw(canvas, _text.Fit(line, 8.5f, Body.Width), Body.Left, y, 8.5f, Ink);
        }
    }

    /// <summary>The heading of a district's projects.</summary>
    internal string ProjectsHeading => _th ? "โครงการที่รับผิดชอบ" : "Responsible projects";

    /// <summary>The projects answering for the district, one line each, or a line saying there is none.</summary>
    internal List<string> ProjectLines(DistrictReport d)
    {
        var lines = d.Hotspots.Projects.Select(p => ProjectLine(p, _th ? "จุดความร้อน" : "hotspots"))
            .Concat(d.GreenProjects.Select(p => ProjectLine(p, _th ? "พื้นที่สีเขียว" : "green area"))).ToList();
        if (lines.Count == 0)
            lines.Add(_th ? "ไม่มีโครงการที่รับผิดชอบอำเภอนี้ในข้อมูลที่นำเข้า" : "No imported project answers for this district.");
        return lines;
    }

    /// <summary>The map as a PNG of <paramref name="size"/> at <paramref name="dpi"/>, drawn as on the PDF page.</summary>
    internal byte[] MapPng(MapModel map, PageSize size, int dpi) =>
        Png(size.WidthPt, size.HeightPt, dpi, canvas => _maps.Draw(canvas, map, new MapLayout(size, map.ExtentUtm, inset: true)));

    /// <summary>The district's trend chart as a PNG of <paramref name="widthPt"/> × <paramref name="heightPt"/> at
    /// <paramref name="dpi"/>.</summary>
    internal byte[] TrendPng(DistrictReport d, float widthPt, float heightPt, int dpi) =>
        Png(widthPt, heightPt, dpi,
            canvas => TrendChart.Draw(canvas, _text, new SKRect(0, 0, widthPt, heightPt), d.Hotspots, d.Trend, _th));

    private static byte[] Png(float widthPt, float heightPt, int dpi, Action<SKCanvas> draw)
    {
        var scale = dpi / 72f;
        using var surface = SKSurface.Create(new SKImageInfo((int)Math.Round(widthPt * scale), (int)Math.Round(heightPt * scale),
            SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.Scale(scale);
        draw(surface.Canvas);
        using var pixels = surface.PeekPixels() ?? throw new InvalidOperationException("The raster surface has no pixels to encode.");
        using var data = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 3))
            ?? throw new InvalidOperationException("PNG encoding failed.");
        return data.ToArray();
    }

    private string ProjectLine(ProjectResponsibility p, string target)
    {
        var share = p.Share is { } s
            ? (_th ? "พื้นที่โครงการ " : "project area ") + s.ToString("0.0%", CultureInfo.InvariantCulture)
                + (_th ? " ของอำเภอ" : " of the district")
            : _th ? "ระบุชื่ออำเภอ" : "names the district";
        var name = _th ? p.NameTh : p.NameEn;
        var year = (_th ? "ปีงบ " : "FY ") + p.FiscalYear.ToString(CultureInfo.InvariantCulture);
        return $"{p.ProjectCode}  {name} ({year}, {target}; {share})";
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _maps.Dispose();
        _text.Dispose();
    }
}
