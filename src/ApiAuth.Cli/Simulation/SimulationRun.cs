namespace ApiAuth.Cli.Simulation;

/// <summary>The output of <see cref="SimulationRunner.Run"/>: one JSON line per case, or why the input was unusable.</summary>
internal sealed class SimulationRun
{
    internal SimulationRun(IReadOnlyList<string> lines, bool hasErrors, string? unusableReason)
    {
        Lines = lines;
        HasErrors = hasErrors;
        UnusableReason = unusableReason;
    }

    /// <summary>One compact JSON object per case, in input order.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>Whether any case answered <c>"decision": "Error"</c>.</summary>
    public bool HasErrors { get; }

    /// <summary>Why the input as a whole could not be read (a malformed JSON array), or null.</summary>
    public string? UnusableReason { get; }
}
