namespace ApiAuth.Arns;

/// <summary>
/// Builds the ARN API Gateway authorizes <c>execute-api:Invoke</c> on:
/// <c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path-without-leading-slash}</c>.
/// </summary>
public static class MethodArn
{
    /// <summary>Builds the method ARN for one call.</summary>
    /// <param name="api">The API being called.</param>
    /// <param name="stage">The stage name, e.g. <c>prod</c>.</param>
    /// <param name="httpMethod">The HTTP method; upper-cased as API Gateway does.</param>
    /// <param name="path">The request's resource path, e.g. <c>/pets/1</c>; the leading slash is dropped.</param>
    /// <returns>The method ARN.</returns>
    public static string Build(RestApiReference api, string stage, string httpMethod, string path)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentException.ThrowIfNullOrEmpty(stage);
        ArgumentException.ThrowIfNullOrEmpty(httpMethod);
        ArgumentNullException.ThrowIfNull(path);
        return Build(StagePrefix(api, stage), httpMethod, path);
    }

    /// <summary>What every method ARN of a stage starts with: <c>{api.ArnPrefix}{stage}/</c>.</summary>
    internal static string StagePrefix(RestApiReference api, string stage) => $"{api.ArnPrefix}{stage}/";

    /// <summary>Builds a method ARN from a stage prefix computed once (see <see cref="StagePrefix"/>).</summary>
    internal static string Build(string stagePrefix, string httpMethod, string path) =>
        string.Concat(stagePrefix, httpMethod.ToUpperInvariant(), "/", path.AsSpan(path.StartsWith('/') ? 1 : 0));
}
