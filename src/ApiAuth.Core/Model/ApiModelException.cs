namespace ApiAuth.Model;

/// <summary>An API model that cannot be built: every problem found, each naming its configuration path.</summary>
public sealed class ApiModelException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public ApiModelException(IReadOnlyList<string> problems)
        : base("The API is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, in order.</summary>
    public IReadOnlyList<string> Problems { get; }
}
