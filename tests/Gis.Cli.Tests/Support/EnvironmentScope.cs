namespace Gis.Cli.Tests.Support;

/// <summary>
/// Sets environment variables the command reads (null removes one) and puts back the values they had when disposed,
/// so a test means the same on a machine whose environment holds, say, a FIRMS map key.
/// </summary>
internal sealed class EnvironmentScope : IDisposable
{
    private readonly List<(string Name, string? Value)> _saved = [];

    public EnvironmentScope(params (string Name, string? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            _saved.Add((name, Environment.GetEnvironmentVariable(name)));
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
            Environment.SetEnvironmentVariable(name, value);
    }
}
