namespace Gis.Importers.Firms;

/// <summary>
/// The FIRMS API did not deliver a usable CSV (refused key, rate limit, HTML or error text, damaged body, HTTP error):
/// nothing was stored. The message never contains the map key.
/// </summary>
public sealed class FirmsApiException : Exception
{
    /// <summary>Creates the exception; <paramref name="transient"/> says whether trying again may help.</summary>
    public FirmsApiException(string message, bool transient) : base(message) => Transient = transient;

    /// <summary>Creates a non-transient exception.</summary>
    public FirmsApiException(string message) : base(message) { }

    /// <summary>Creates a non-transient exception with its cause.</summary>
    public FirmsApiException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates an exception without a message.</summary>
    public FirmsApiException() { }

    /// <summary>A timeout, connection error, 5xx or damaged body: worth another try. A refused key or an error text is not.</summary>
    public bool Transient { get; }
}
