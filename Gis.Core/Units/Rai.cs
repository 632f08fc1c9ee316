using System.Globalization;

namespace Gis.Core.Units;

/// <summary>
/// Thai land area units: 1 rai = 4 ngan = 400 square wah = 1,600 m². Officials write areas as rai-ngan-wah,
/// <c>4-2-0</c> meaning 4 rai 2 ngan 0 square wah.
/// </summary>
public static class Rai
{
    public const double SquareMetresPerRai = 1600;
    public const double SquareMetresPerNgan = 400;
    public const double SquareMetresPerSquareWah = 4;

    public static double FromSquareMetres(double squareMetres) => squareMetres / SquareMetresPerRai;

    public static double ToSquareMetres(double rai) => rai * SquareMetresPerRai;

    /// <summary>
    /// Rai-ngan-wah of an area in rai, square wah rounded to the nearest whole (as written on title deeds), e.g.
    /// 4.5 rai gives <c>4-2-0</c>. Negative areas (a net loss) keep the sign in front: <c>-1-0-50</c>.
    /// </summary>
    public static string ToRaiNganWah(double rai)
    {
        var totalWah = (long)Math.Round(Math.Abs(rai) * 400, MidpointRounding.AwayFromZero);
        var (wholeRai, rest) = Math.DivRem(totalWah, 400);
        var (ngan, wah) = Math.DivRem(rest, 100);
        return string.Create(CultureInfo.InvariantCulture, $"{(rai < 0 && totalWah > 0 ? "-" : "")}{wholeRai}-{ngan}-{wah}");
    }
}
