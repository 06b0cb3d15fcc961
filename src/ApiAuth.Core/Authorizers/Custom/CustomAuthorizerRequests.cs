using ApiAuth.Gateway;

namespace ApiAuth.Authorizers.Custom;

/// <summary>Builds the custom authorizer event from the gateway's view of a request.</summary>
internal static class CustomAuthorizerRequests
{
    public static CustomAuthorizerRequest From(GatewayAuthorizerContext context)
    {
        var request = context.Request;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var multiValueHeaders = new Dictionary<string, IList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in request.Headers)
        {
            headers[name] = value;
            if (!multiValueHeaders.TryGetValue(name, out var values))
            {
                multiValueHeaders[name] = values = [];
            }

            values.Add(value);
        }

        // API Gateway's single-value maps keep the last value of a repeated name.
        var query = request.Query.Where(p => p.Value.Count > 0).ToDictionary(p => p.Key, p => p.Value[^1], StringComparer.Ordinal);
        var multiValueQuery = request.Query.ToDictionary(p => p.Key, p => (IList<string>)[.. p.Value], StringComparer.Ordinal);
        var arn = ExecuteApiArn.Parse(context.MethodArn);
        return new CustomAuthorizerRequest
        {
            MethodArn = context.MethodArn,
            Resource = request.Resource ?? request.Path,
            Path = request.Path,
            HttpMethod = request.Method,
            Headers = headers,
            MultiValueHeaders = multiValueHeaders,
            QueryStringParameters = query,
            MultiValueQueryStringParameters = multiValueQuery,
            PathParameters = request.PathParameters.ToDictionary(StringComparer.Ordinal),
            StageVariables = new Dictionary<string, string>(StringComparer.Ordinal),
            RequestContext = new CustomAuthorizerRequestContext
            {
                AccountId = arn.AccountId,
                ApiId = arn.ApiId,
                Stage = arn.Stage,
                ResourcePath = request.Resource ?? request.Path,
                HttpMethod = request.Method,
                Path = request.Path,
                DomainName = request.GetHeader("Host"),
                Identity = new CustomAuthorizerRequestIdentity
                {
                    SourceIp = request.SourceIp?.ToString(),
                    UserAgent = request.GetHeader("User-Agent"),
                },
            },
        };
    }

    /// <summary>The parts of <c>arn:{partition}:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}</c> the event carries.</summary>
    private readonly record struct ExecuteApiArn(string? AccountId, string? ApiId, string? Stage)
    {
        public static ExecuteApiArn Parse(string methodArn)
        {
            var fields = methodArn.Split(':', 6);
            if (fields.Length < 6)
            {
                return default;
            }

            var path = fields[5].Split('/', 3);
            return new ExecuteApiArn(fields[4], path[0], path.Length > 1 ? path[1] : null);
        }
    }
}
