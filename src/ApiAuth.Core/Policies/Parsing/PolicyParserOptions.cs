namespace ApiAuth.Policies.Parsing;

/// <summary>Bounds that keep hostile policies cheap to reject.</summary>
public sealed record PolicyParserOptions
{
    /// <summary>The defaults: generous for real policies (AWS caps resource policies far lower), small for attackers.</summary>
    public static PolicyParserOptions Default { get; } = new();

    /// <summary>Largest accepted document in UTF-8 bytes. Default 512 KiB.</summary>
    public int MaxPolicyBytes { get; init; } = 512 * 1024;

    /// <summary>Deepest accepted JSON nesting. A policy needs 5 levels; default 8.</summary>
    public int MaxDepth { get; init; } = 8;

    /// <summary>Longest accepted string (keys and values), in characters. Default 2048.</summary>
    public int MaxStringLength { get; init; } = 2048;

    /// <summary>Longest accepted array. Default 1000.</summary>
    public int MaxArrayLength { get; init; } = 1000;

    /// <summary>Most statements accepted in one document. Default 5000.</summary>
    public int MaxStatements { get; init; } = 5000;
}
