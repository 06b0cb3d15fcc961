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
        var relative = path.StartsWith('/') ? path[1..] : path;
        return $"{api.ArnPrefix}{stage}/{httpMethod.ToUpperInvariant()}/{relative}";
    }
}
