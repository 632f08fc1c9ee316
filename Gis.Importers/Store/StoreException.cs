namespace Gis.Importers.Store;

/// <summary>The store cannot do what was asked; the message says why in words a user can act on.</summary>
public sealed class StoreException : Exception
{
    public StoreException(string message) : base(message) { }

    public StoreException(string message, Exception inner) : base(message, inner) { }

    public StoreException() { }
}
