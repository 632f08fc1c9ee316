using System.Globalization;
using System.Text;
using Gis.Importers.Firms;

namespace Gis.TestSupport;

/// <summary>Small FIRMS VIIRS files made in memory, for tests that need a few detections at known places and times.</summary>
public static class FirmsCsv
{
    public const string Header = "latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,"
        + "satellite,instrument,confidence,version,bright_ti5,frp,daynight";

    /// <summary>
    /// <paramref name="count"/> NOAA-20 NRT day detections at one place on <paramref name="day"/> (yyyy-MM-dd), one a
    /// minute from 06:00 UTC plus <paramref name="firstMinute"/>, so none is a duplicate of another.
    /// </summary>
    public static FirmsInput Detections(string name, double latitude, double longitude, string day, int count, int firstMinute = 0)
    {
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < count; i++)
        {
            var time = new TimeOnly(6, 0).AddMinutes(firstMinute + i);
            text.Append(CultureInfo.InvariantCulture,
                $"{latitude},{longitude},330.5,0.4,0.4,{day},{time:HHmm},N20,VIIRS,n,2.0NRT,290.1,5.5,D\n");
        }
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        return new FirmsInput(name, bytes.Length, () => new MemoryStream(bytes));
    }
}
