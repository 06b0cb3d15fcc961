namespace ApiAuth.Testing;

/// <summary>
/// Thrown by <see cref="ApiAuthAssert"/> when a decision is not the expected one. A plain exception, so every test
/// framework reports it as a failure with its message (which holds the decision's explanation).
/// </summary>
public sealed class ApiAuthAssertionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ApiAuthAssertionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was expected and what happened.</param>
    public ApiAuthAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What was expected and what happened.</param>
    /// <param name="innerException">The cause.</param>
    public ApiAuthAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
