using Microsoft.Extensions.Options;

namespace ApiAuth.AspNetCore.Configuration;

/// <summary>
/// Fails the options when the <c>ApiAuth</c> section holds keys ApiAuth does not know or values of the wrong type,
/// all of them in one error, so a misspelled security setting stops the app instead of being ignored.
/// </summary>
internal sealed class ApiAuthOptionsValidator : IValidateOptions<ApiAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiAuthOptions options) =>
        options.ConfigurationProblems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(options.ConfigurationProblems);
}
