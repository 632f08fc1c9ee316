using System.Globalization;
using System.Text;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace Gis.SampleData.Text;

/// <summary>
/// A small GeoJSON (RFC 7946) writer: one feature per line, properties in the order given, Thai text unescaped and
/// numbers in shortest round-trip invariant form. Written by hand so that the bytes depend on nothing but our data
/// (serialiser defaults about escaping, indentation and number formats have changed between releases).
/// </summary>
internal sealed class GeoJsonFeatureWriter(TextWriter writer)
{
    private bool _first = true;

    public void Begin()
    {
        writer.Write("{\"type\":\"FeatureCollection\",\"features\":[\n");
    }

    /// <summary>Writes a feature; properties are strings (quoted) or numbers (written as given by the caller).</summary>
    public void Feature(IReadOnlyList<(string Name, object Value)> properties, Geometry geometry)
    {
        if (!_first)
            writer.Write(",\n");
        _first = false;
        var sb = new StringBuilder("{\"type\":\"Feature\",\"properties\":{");
        for (var i = 0; i < properties.Count; i++)
        {
            if (i > 0)
                sb.Append(',');
            AppendString(sb, properties[i].Name);
            sb.Append(':');
            switch (properties[i].Value)
            {
                case string s:
                    AppendString(sb, s);
                    break;
                case int n:
                    sb.Append(n.ToString(CultureInfo.InvariantCulture));
                    break;
                case long n:
                    sb.Append(n.ToString(CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new ArgumentException($"Unsupported property type for {properties[i].Name}.", nameof(properties));
            }
        }
        sb.Append("},\"geometry\":");
        AppendGeometry(sb, geometry);
        sb.Append('}');
        writer.Write(sb.ToString());
    }

    public void End()
    {
        writer.Write("\n]}\n");
    }

    public static void AppendString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case < ' ':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    private static void AppendGeometry(StringBuilder sb, Geometry geometry)
    {
        switch (geometry)
        {
            case Polygon p:
                sb.Append("{\"type\":\"Polygon\",\"coordinates\":");
                AppendPolygon(sb, p);
                sb.Append('}');
                break;
            case MultiPolygon mp:
                sb.Append("{\"type\":\"MultiPolygon\",\"coordinates\":[");
                for (var i = 0; i < mp.NumGeometries; i++)
                {
                    if (i > 0)
                        sb.Append(',');
                    AppendPolygon(sb, (Polygon)mp.GetGeometryN(i));
                }
                sb.Append("]}");
                break;
            default:
                throw new ArgumentException($"Unsupported geometry {geometry.GeometryType}.", nameof(geometry));
        }
    }

    private static void AppendPolygon(StringBuilder sb, Polygon polygon)
    {
        sb.Append('[');
        // RFC 7946: exterior rings counter-clockwise, holes clockwise.
        AppendRing(sb, polygon.Shell, counterClockwise: true);
        foreach (var hole in polygon.Holes)
        {
            sb.Append(',');
            AppendRing(sb, hole, counterClockwise: false);
        }
        sb.Append(']');
    }

    private static void AppendRing(StringBuilder sb, LinearRing ring, bool counterClockwise)
    {
        var coordinates = ring.Coordinates;
        if (Orientation.IsCCW(coordinates) != counterClockwise)
            coordinates = [.. coordinates.Reverse()];
        sb.Append('[');
        for (var i = 0; i < coordinates.Length; i++)
        {
            if (i > 0)
                sb.Append(',');
            sb.Append('[').Append(coordinates[i].X.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(coordinates[i].Y.ToString("R", CultureInfo.InvariantCulture)).Append(']');
        }
        sb.Append(']');
    }
}
