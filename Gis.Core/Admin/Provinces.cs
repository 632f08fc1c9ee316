using Gis.Core.Text;

namespace Gis.Core.Admin;

/// <summary>
/// The 77 provinces of Thailand by DOPA code with their Thai and English names, and the province clusters
/// (<c>กลุ่มจังหวัด</c>) that budget lines are written to: the one place the project keeps them.
/// </summary>
/// <remarks>
/// Codes and names as the Department of Provincial Administration codes them and HDX COD-AB (OCHA) spells them
/// (<c>ADM1_PCODE</c>, <c>ADM1_TH</c>, <c>ADM1_EN</c>). The clusters are those the Cabinet set up on 17 February 2009
/// (ประกาศคณะกรรมการนโยบายการบริหารงานจังหวัดและกลุ่มจังหวัดแบบบูรณาการ เรื่อง การจัดตั้งกลุ่มจังหวัด, Royal Gazette 2009),
/// which the budget bills still name. Only the northern clusters are listed: the ones this project's budget lines
/// use and whose members were checked against the bills (the FY 2565 lines of the upper-northern clusters name Lampang
/// and Chiang Rai, Nan, Phayao and Phrae). A cluster of another region is unknown here until it is added, so its
/// projects are not province-wide for anyone.
/// </remarks>
public static class Provinces
{
    /// <summary>Every province: DOPA code, Thai name, English name, by code.</summary>
    public static IReadOnlyList<(string Code, string NameTh, string NameEn)> All { get; } =
    [
        ("10", "กรุงเทพมหานคร", "Bangkok"), ("11", "สมุทรปราการ", "Samut Prakan"), ("12", "นนทบุรี", "Nonthaburi"),
        ("13", "ปทุมธานี", "Pathum Thani"), ("14", "พระนครศรีอยุธยา", "Phra Nakhon Si Ayutthaya"), ("15", "อ่างทอง", "Ang Thong"),
        ("16", "ลพบุรี", "Lop Buri"), ("17", "สิงห์บุรี", "Sing Buri"), ("18", "ชัยนาท", "Chai Nat"), ("19", "สระบุรี", "Saraburi"),
        ("20", "ชลบุรี", "Chon Buri"), ("21", "ระยอง", "Rayong"), ("22", "จันทบุรี", "Chanthaburi"), ("23", "ตราด", "Trat"),
        ("24", "ฉะเชิงเทรา", "Chachoengsao"), ("25", "ปราจีนบุรี", "Prachin Buri"), ("26", "นครนายก", "Nakhon Nayok"),
        ("27", "สระแก้ว", "Sa Kaeo"), ("30", "นครราชสีมา", "Nakhon Ratchasima"), ("31", "บุรีรัมย์", "Buri Ram"),
        ("32", "สุรินทร์", "Surin"),
        ("33", "ศรีสะเกษ", "Si Sa Ket"), ("34", "อุบลราชธานี", "Ubon Ratchathani"), ("35", "ยโสธร", "Yasothon"),
        ("36", "ชัยภูมิ", "Chaiyaphum"),
        ("37", "อำนาจเจริญ", "Amnat Charoen"), ("38", "บึงกาฬ", "Bueng Kan"), ("39", "หนองบัวลำภู", "Nong Bua Lam Phu"),
        ("40", "ขอนแก่น", "Khon Kaen"), ("41", "อุดรธานี", "Udon Thani"), ("42", "เลย", "Loei"), ("43", "หนองคาย", "Nong Khai"),
        ("44", "มหาสารคาม", "Maha Sarakham"), ("45", "ร้อยเอ็ด", "Roi Et"), ("46", "กาฬสินธุ์", "Kalasin"),
        ("47", "สกลนคร", "Sakon Nakhon"),
        ("48", "นครพนม", "Nakhon Phanom"), ("49", "มุกดาหาร", "Mukdahan"), ("50", "เชียงใหม่", "Chiang Mai"), ("51", "ลำพูน", "Lamphun"),
        ("52", "ลำปาง", "Lampang"), ("53", "อุตรดิตถ์", "Uttaradit"), ("54", "แพร่", "Phrae"), ("55", "น่าน", "Nan"),
        ("56", "พะเยา", "Phayao"),
        ("57", "เชียงราย", "Chiang Rai"), ("58", "แม่ฮ่องสอน", "Mae Hong Son"), ("60", "นครสวรรค์", "Nakhon Sawan"),
        ("61", "อุทัยธานี", "Uthai Thani"), ("62", "กำแพงเพชร", "Kamphaeng Phet"), ("63", "ตาก", "Tak"), ("64", "สุโขทัย", "Sukhothai"),
        ("65", "พิษณุโลก", "Phitsanulok"), ("66", "พิจิตร", "Phichit"), ("67", "เพชรบูรณ์", "Phetchabun"), ("70", "ราชบุรี", "Ratchaburi"),
        ("71", "กาญจนบุรี", "Kanchanaburi"), ("72", "สุพรรณบุรี", "Suphan Buri"), ("73", "นครปฐม", "Nakhon Pathom"),
        ("74", "สมุทรสาคร", "Samut Sakhon"), ("75", "สมุทรสงคราม", "Samut Songkhram"), ("76", "เพชรบุรี", "Phetchaburi"),
        ("77", "ประจวบคีรีขันธ์", "Prachuap Khiri Khan"), ("80", "นครศรีธรรมราช", "Nakhon Si Thammarat"), ("81", "กระบี่", "Krabi"),
        ("82", "พังงา", "Phangnga"), ("83", "ภูเก็ต", "Phuket"), ("84", "สุราษฎร์ธานี", "Surat Thani"), ("85", "ระนอง", "Ranong"),
        ("86", "ชุมพร", "Chumphon"), ("90", "สงขลา", "Songkhla"), ("91", "สตูล", "Satun"), ("92", "ตรัง", "Trang"),
        ("93", "พัทลุง", "Phatthalung"),
        ("94", "ปัตตานี", "Pattani"), ("95", "ยะลา", "Yala"), ("96", "นราธิวาส", "Narathiwat"),
    ];

    /// <summary>
    /// The province clusters by Thai name (without <c>กลุ่มจังหวัด</c>) with their members' codes. A name without its
    /// number stands for both clusters of that name: the budget-bill extraction drops the number, and the FY 2565 lines
    /// of "กลุ่มจังหวัดภาคเหนือตอนบน" are those of both upper-northern clusters.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Clusters { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["ภาคเหนือตอนบน 1"] = ["50", "51", "52", "58"],
        ["ภาคเหนือตอนบน 2"] = ["54", "55", "56", "57"],
        ["ภาคเหนือตอนบน"] = ["50", "51", "52", "54", "55", "56", "57", "58"],
        ["ภาคเหนือตอนล่าง 1"] = ["53", "63", "64", "65", "67"],
        ["ภาคเหนือตอนล่าง 2"] = ["60", "61", "62", "66"],
        ["ภาคเหนือตอนล่าง"] = ["53", "60", "61", "62", "63", "64", "65", "66", "67"],
    };

    /// <summary>The province's Thai and English names; null for a code that is not a province.</summary>
    public static (string NameTh, string NameEn)? Find(string code) =>
        All.FirstOrDefault(p => p.Code == code) is { Code: not null } p ? (p.NameTh, p.NameEn) : null;

    /// <summary>
    /// The provinces a text names as a whole: a province cluster (<c>กลุ่มจังหวัดภาคเหนือตอนบน 1</c>: its members) or
    /// provinces (<c>จังหวัดเชียงใหม่</c>, <c>Chiang Mai Province</c>). Spaces in Thai names do not matter; a numbered cluster
    /// is matched before its unnumbered name. Empty when the text names neither, or a cluster not in <see cref="Clusters"/>.
    /// </summary>
    /// <param name="text">An agency or place, e.g. a budget line's budgetary unit.</param>
    public static IReadOnlySet<string> NamedBy(string? text)
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        var squeezed = ThaiText.Normalize(text).Replace(" ", "", StringComparison.Ordinal);
        if (squeezed.Length == 0)
            return codes;
        const string ClusterWord = "กลุ่มจังหวัด";
        var cluster = squeezed.IndexOf(ClusterWord, StringComparison.Ordinal);
        if (cluster >= 0)
        {
            var rest = squeezed[(cluster + ClusterWord.Length)..];
            // Longest name first: "ภาคเหนือตอนบน1" before "ภาคเหนือตอนบน".
            var match = Clusters.Keys.OrderByDescending(k => k.Length)
                .FirstOrDefault(k => rest.StartsWith(k.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal));
            if (match is not null)
                codes.UnionWith(Clusters[match]);
            return codes;
        }
        foreach (var (code, th, en) in All)
        {
            if (squeezed.Contains("จังหวัด" + th, StringComparison.Ordinal)
                || (text ?? "").Contains(en + " Province", StringComparison.OrdinalIgnoreCase))
                codes.Add(code);
        }
        return codes;
    }
}
