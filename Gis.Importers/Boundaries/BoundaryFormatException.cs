using Gis.Importers.Features;

namespace Gis.Importers.Boundaries;

/// <summary>A boundary file that cannot be read as it is; the message names the file and, where known, the feature.</summary>
public sealed class BoundaryFormatException : FeatureFormatException
{
    public BoundaryFormatException()
    {
    }

    public BoundaryFormatException(string message)
        : base(message)
    {
    }

    public BoundaryFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc cref="FeatureFormatException(string, int?, string, Exception?)"/>
    public BoundaryFormatException(string path, int? featureNumber, string problem, Exception? innerException = null)
        : base(path, featureNumber, problem, innerException)
    {
    }
}
