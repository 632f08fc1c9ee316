using Gis.Core.Text;

namespace Gis.Core.Admin;

/// <summary>
/// Finds district (amphoe) DOPA codes by name, for sources that write names instead of codes. Thai names are compared
/// after <see cref="ThaiText.Normalize"/> and without an <c>อำเภอ</c>/<c>อ.</c> prefix; English names case-insensitively,
/// ignoring spaces, hyphens and a <c>Amphoe</c>/<c>District</c> word. Match by code wherever a code exists: names are
/// the fallback.
/// </summary>
public sealed class DistrictNames
{
    // Declared before the built-in index below: static fields initialise in text order.
    // Other spellings in use for Chiang Mai districts (romanisations differ between agencies).
    private static readonly Dictionary<string, string[]> Aliases = new(StringComparer.Ordinal)
    {
        ["5001"] = ["Muang Chiang Mai", "Mueang", "เมือง"],
        ["5016"] = ["Hod"],
        ["5018"] = ["Om Koi"],
        ["5025"] = ["Kanlayaniwatthana", "Galayani Vadhana"],
    };

    // "Mueang" alone is the capital district of whichever province the text is about: only an index of one province
    // can say which (a national budget line's "อำเภอเมือง" is not Mueang Chiang Mai).
    private static readonly string[] ProvinceRelative = ["Mueang", "เมือง"];

    private readonly Dictionary<string, SortedSet<string>> _codesByKey = new(StringComparer.Ordinal);

    /// <summary>An index of the given districts (code, Thai name, English name); later duplicates of a code add names.</summary>
    public DistrictNames(IEnumerable<(string Code, string NameTh, string NameEn)> districts)
    {
        var all = districts.ToList();
        var oneProvince = all.Select(d => d.Code[..Math.Min(2, d.Code.Length)]).Distinct(StringComparer.Ordinal).Count() <= 1;
        foreach (var (code, th, en) in all)
        {
            Codes.Add(code);
            var aliases = Aliases.TryGetValue(code, out var more) ? more.Where(a => oneProvince || !ProvinceRelative.Contains(a)) : [];
            foreach (var name in new[] { th, en }.Concat(aliases))
            {
                if (Key(name) is { Length: > 0 } key)
                {
                    if (!_codesByKey.TryGetValue(key, out var codes))
                        _codesByKey[key] = codes = new SortedSet<string>(StringComparer.Ordinal);
                    codes.Add(code);
                }
            }
        }
    }

    /// <summary>
    /// The 25 districts of Chiang Mai (province 50) with the Thai and English names of HDX COD-AB
    /// (<c>chiangmai_amphoe_TH50.geojson</c>); used when no boundaries are imported.
    /// </summary>
    public static IReadOnlyList<(string Code, string NameTh, string NameEn)> ChiangMai { get; } =
    [
        ("5001", "เมืองเชียงใหม่", "Mueang Chiang Mai"), ("5002", "จอมทอง", "Chom Thong"), ("5003", "แม่แจ่ม", "Mae Chaem"),
        ("5004", "เชียงดาว", "Chiang Dao"), ("5005", "ดอยสะเก็ด", "Doi Saket"), ("5006", "แม่แตง", "Mae Taeng"),
        ("5007", "แม่ริม", "Mae Rim"), ("5008", "สะเมิง", "Samoeng"), ("5009", "ฝาง", "Fang"), ("5010", "แม่อาย", "Mae Ai"),
        ("5011", "พร้าว", "Phrao"), ("5012", "สันป่าตอง", "San Pa Tong"), ("5013", "สันกำแพง", "San Kamphaeng"),
        ("5014", "สันทราย", "San Sai"), ("5015", "หางดง", "Hang Dong"), ("5016", "ฮอด", "Hot"), ("5017", "ดอยเต่า", "Doi Tao"),
        ("5018", "อมก๋อย", "Omkoi"), ("5019", "สารภี", "Saraphi"), ("5020", "เวียงแหง", "Wiang Haeng"),
        ("5021", "ไชยปราการ", "Chai Prakan"), ("5022", "แม่วาง", "Mae Wang"), ("5023", "แม่ออน", "Mae On"),
        ("5024", "ดอยหล่อ", "Doi Lo"), ("5025", "กัลยาณิวัฒนา", "Galyani Vadhana"),
    ];

    /// <summary>The built-in Chiang Mai index.</summary>
    public static DistrictNames BuiltInChiangMai { get; } = new(ChiangMai);

    /// <summary>Every code in the index.</summary>
    public SortedSet<string> Codes { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The codes a name denotes: one for a known name, several when districts of different provinces share it (the
    /// caller must not pick one), none for an unknown name.
    /// </summary>
    public IReadOnlyCollection<string> Find(string? name) =>
        Key(name) is { Length: > 0 } key && _codesByKey.TryGetValue(key, out var codes) ? codes : [];

    /// <summary>The single code a name denotes; false when it is unknown or ambiguous.</summary>
    public bool TryFind(string? name, out string code)
    {
        var codes = Find(name);
        code = codes.Count == 1 ? codes.First() : string.Empty;
        return codes.Count == 1;
    }

    private static string Key(string? name)
    {
        var s = ThaiText.Normalize(name);
        foreach (var prefix in (string[])["อำเภอ", "อ.", "Amphoe ", "Amphur ", "District "])
        {
            if (s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                s = s[prefix.Length..];
        }
        if (s.EndsWith(" District", StringComparison.OrdinalIgnoreCase))
            s = s[..^" District".Length];
        return new string([.. s.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '\'' or '.')).Select(char.ToLowerInvariant)]);
    }
}
