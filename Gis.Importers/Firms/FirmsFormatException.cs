namespace Gis.Importers.Firms;

/// <summary>The input is not a FIRMS CSV at all (empty, binary, required columns missing): the whole file is refused.</summary>
public sealed class FirmsFormatException : Exception
{
    public FirmsFormatException(string message) : base(message) { }

    public FirmsFormatException(string message, Exception inner) : base(message, inner) { }

    public FirmsFormatException() { }
}
