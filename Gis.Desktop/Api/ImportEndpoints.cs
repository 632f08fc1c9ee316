using Gis.Importers.Firms;
using Gis.Importers.Queries.Hotspots;
using Microsoft.AspNetCore.Http.Features;

namespace Gis.Desktop.Api;

/// <summary>
/// An officer's FIRMS import from the page (issue 17, ADR 0042): the file is the request body, put under its own name in
/// a private temporary folder and handed to <see cref="FirmsInput.Expand"/> and <see cref="FirmsImporter"/> exactly as
/// <c>gis import firms FILE</c> does (a <c>.zip</c> is its <c>.csv</c> entries), so the page has no import path of its
/// own. The batch names the signed-in account. A file that is no FIRMS CSV is answered 400 with the importer's message
/// and stores nothing.
/// </summary>
internal static class ImportEndpoints
{
    /// <summary>Largest upload: a year of VIIRS detections of all Thailand is well below it.</summary>
    public const long MaxBytes = 512L << 20;

    /// <summary>Rejected lines sent back per file; the rest stay in <c>import_rejection</c>.</summary>
    public const int RejectionsShown = 50;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/imports/firms", async (HttpContext context, GisStore store, string? name, bool? strict, CancellationToken ct) =>
        {
            var file = FileName(name);
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = MaxBytes;
            var folder = Directory.CreateTempSubdirectory("gis-upload-");
            try
            {
                var path = Path.Combine(folder.FullName, file);
                await using (var saved = File.Create(path))
                    await context.Request.Body.CopyToAsync(saved, ct);
                var local = folder.FullName + Path.DirectorySeparatorChar;
                // Messages and batches name the file as the officer knows it, not the temporary folder.
                string Named(string text) => text.Replace(local, "", StringComparison.Ordinal);
                var importer = new FirmsImporter(store) { ImportedBy = DesktopUser.Of(context).Name ?? Environment.UserName };
                var coverage = new HotspotCoverage(store);
                var batches = new List<object>();
                var refused = new List<string>();
                var taken = 0;
                foreach (var input in FirmsInput.Expand([path]))
                {
                    try
                    {
                        var result = await importer.ImportAsync(input with { Name = Named(input.Name) }, strict ?? false, null, ct);
                        var days = await coverage.OfBatchAsync(result.BatchId, ct);
                        batches.Add(new
                        {
                            batch_id = result.BatchId,
                            source = result.Source,
                            read = result.Read,
                            stored = result.Stored,
                            duplicate = result.Duplicate,
                            rejected = result.Rejected,
                            refused = result.Refused,
                            rejections = result.Rejections.Take(RejectionsShown).Select(r => new { line = r.Line, reason = r.Reason }),
                            superseded = result.Superseded,
                            // No day is no first and last day, never a made-up one.
                            days = days.Count == 0 ? new { count = 0, first = (DateOnly?)null, last = (DateOnly?)null }
                                : new { count = days.Count, first = (DateOnly?)days[0], last = (DateOnly?)days[^1] },
                        });
                        if (!result.Refused)
                        {
                            taken++;
                        }
                        else
                        {
                            refused.Add($"{result.Source}: {result.Rejected} unreadable line(s), first line {result.Rejections[0].Line}: " +
                                $"{result.Rejections[0].Reason}; strict: nothing stored");
                        }
                    }
                    catch (FirmsFormatException e)
                    {
                        refused.Add(Named(e.Message));
                    }
                }
                var body = new { imported_by = importer.ImportedBy, batches, refused };
                // Nothing taken at all is a refusal the page shows as an error; a file stored with some lines rejected is not.
                return taken > 0 ? Results.Ok(body)
                    : Results.Json(new { error = string.Join("; ", refused), body.imported_by, batches, refused },
                        statusCode: StatusCodes.Status400BadRequest);
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        });

    /// <summary>The upload's own name (no folders), which must end in .csv or .zip as on the command line.</summary>
    private static string FileName(string? name)
    {
        var file = Path.GetFileName((name ?? "").Replace('\\', '/'));
        if (string.IsNullOrWhiteSpace(file))
            throw new ApiInputException("name is missing: give the file's name, e.g. name=fire_nrt_J1V-C2_50.csv.");
        if (!file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !file.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            throw new ApiInputException($"{file}: not a FIRMS file: give a .csv (or a .zip of them) as downloaded from FIRMS.");
        return file;
    }
}
