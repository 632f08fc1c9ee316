namespace Gis.Importers.Features;

/// <summary>
/// A feature file (boundaries, land use, ...) that cannot be read as it is; the message names the file and, where
/// known, the 1-based feature number.
/// </summary>
public class FeatureFormatException : Exception
{
    public FeatureFormatException()
    {
    }

    public FeatureFormatException(string message)
        : base(message)
    {
    }

    public FeatureFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <param name="path">The file read.</param>
    /// <param name="featureNumber">1-based feature number in file order, or null for a problem of the whole file.</param>
    /// <param name="problem">What is wrong, as a sentence.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public FeatureFormatException(string path, int? featureNumber, string problem, Exception? innerException = null)
        : base(featureNumber is int n ? $"{path}: feature {n}: {problem}" : $"{path}: {problem}", innerException)
    {
        FilePath = path;
        FeatureNumber = featureNumber;
        Problem = problem;
    }

    /// <summary>The file read; null when the exception was made without one.</summary>
    public string? FilePath { get; }

    /// <summary>1-based feature number, or null for a problem of the whole file.</summary>
    public int? FeatureNumber { get; }

    /// <summary>What is wrong, without the file and feature; the whole message when made without a path.</summary>
    public string? Problem { get; }
}
