namespace Gis.Importers.Boundaries;

/// <summary>A boundary file that cannot be read as it is; the message names the file and, where known, the feature.</summary>
public sealed class BoundaryFormatException : Exception
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

    /// <param name="path">The file read.</param>
    /// <param name="featureNumber">1-based feature number in file order, or null for a problem of the whole file.</param>
    /// <param name="problem">What is wrong, as a sentence.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public BoundaryFormatException(string path, int? featureNumber, string problem, Exception? innerException = null)
        : base(featureNumber is int n ? $"{path}: feature {n}: {problem}" : $"{path}: {problem}", innerException)
    {
        FilePath = path;
        FeatureNumber = featureNumber;
    }

    /// <summary>The file read; null when the exception was made without one.</summary>
    public string? FilePath { get; }

    /// <summary>1-based feature number, or null for a problem of the whole file.</summary>
    public int? FeatureNumber { get; }
}
