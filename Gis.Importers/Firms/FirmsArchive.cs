using System.Globalization;
using System.Text;

namespace Gis.Importers.Firms;

/// <summary>
/// What the FIRMS <c>data_availability</c> endpoint says: each product's first and last UTC day
/// (<c>data_id,min_date,max_date</c>). A pull's day outside its product's range is not a day without fire but a day
/// the archive does not hold (ADR 0015).
/// </summary>
public sealed class FirmsArchive(IReadOnlyDictionary<string, (DateOnly First, DateOnly Last)> products)
{
    /// <summary>The first and last UTC day <paramref name="source"/> holds, or null when the endpoint did not list it.</summary>
    public (DateOnly First, DateOnly Last)? Range(string source) => products.TryGetValue(source, out var range) ? range : null;

    /// <summary>Parses the endpoint's CSV; rows it cannot read are skipped, a body without the header is refused.</summary>
    /// <exception cref="FirmsApiException">Not the <c>data_id,min_date,max_date</c> CSV.</exception>
    internal static FirmsArchive Parse(byte[] body)
    {
        var lines = Encoding.UTF8.GetString(body).TrimStart('\uFEFF').Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var header = lines.Count > 0 ? lines[0].Split(',') : [];
        int id = Array.IndexOf(header, "data_id"), min = Array.IndexOf(header, "min_date"), max = Array.IndexOf(header, "max_date");
        if (id < 0 || min < 0 || max < 0)
            throw new FirmsApiException("data_availability did not answer data_id,min_date,max_date CSV", transient: false);
        var products = new Dictionary<string, (DateOnly, DateOnly)>(StringComparer.Ordinal);
        foreach (var fields in lines.Skip(1).Select(l => l.Split(',')))
        {
            if (fields.Length > Math.Max(id, Math.Max(min, max)) && Day(fields[min]) is { } first && Day(fields[max]) is { } last)
                products[fields[id]] = (first, last);
        }
        return new FirmsArchive(products);
    }

    private static DateOnly? Day(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
