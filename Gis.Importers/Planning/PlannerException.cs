namespace Gis.Importers.Planning;

/// <summary>Why the planner refused an edit or an undo; the web API turns it into a 400, 404 or 409.</summary>
public enum PlannerRefusal
{
    /// <summary>The input is wrong (bad polygon, outside the province, year out of range, a field missing).</summary>
    Invalid,

    /// <summary>What the request names (an area, a project, a change, an allocation table) is not stored.</summary>
    NotFound,

    /// <summary>The store has moved on: a later change depends on the one to undo, or the state differs.</summary>
    Conflict,
}

/// <summary>
/// The planner refused a request; nothing was written. <see cref="Exception.Message"/> joins
/// <see cref="Problems"/>, each of which names what is wrong.
/// </summary>
public sealed class PlannerException : Exception
{
    public PlannerException(PlannerRefusal refusal, IReadOnlyList<string> problems)
        : base(string.Join("; ", problems))
    {
        Refusal = refusal;
        Problems = problems;
    }

    public PlannerException(PlannerRefusal refusal, string problem) : this(refusal, [problem]) { }

    public PlannerException() : this(PlannerRefusal.Invalid, "the request was refused") { }

    public PlannerException(string message) : this(PlannerRefusal.Invalid, message) { }

    public PlannerException(string message, Exception inner) : base(message, inner)
    {
        Problems = [message];
    }

    public PlannerRefusal Refusal { get; }

    public IReadOnlyList<string> Problems { get; }

    /// <summary>For a stale save or undo: what changed since, by whom and when (ADR 0035); null otherwise.</summary>
    public PlannerConflict? Conflict { get; init; }

    /// <summary>Throws an <see cref="PlannerRefusal.Invalid"/> refusal listing <paramref name="problems"/> when there are any.</summary>
    public static void ThrowIfAny(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        if (list.Count > 0)
            throw new PlannerException(PlannerRefusal.Invalid, list);
    }
}
