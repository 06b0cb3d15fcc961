using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace ApiAuth.AspNetCore.Tests.Interop;

/// <summary>Signs requests with AWSSDK.Core's own <see cref="AWS4Signer"/>, the signer every AWS .NET SDK client uses.</summary>
internal static class AwsSdkSigner
{
    /// <summary>Signs and returns the message to send; <paramref name="pathResources"/> fill <c>{name}</c> segments as SDK marshallers do.</summary>
    public static HttpRequestMessage Sign(Uri baseAddress, string method, string resourcePath, IEnumerable<KeyValuePair<string, string>> query,
        byte[]? body, string accessKey, string secret, string? sessionToken = null, IDictionary<string, string>? pathResources = null)
    {
        var config = new ExecuteApiConfig { AuthenticationRegion = SigV4KestrelServer.Region, AuthenticationServiceName = "execute-api", ServiceURL = baseAddress.ToString() };
        var request = new DefaultRequest(new InvokeRequest(), "execute-api")
        {
            HttpMethod = method,
            Endpoint = baseAddress,
            ResourcePath = resourcePath,
            AuthenticationRegion = SigV4KestrelServer.Region,
        };
        foreach (var (name, value) in pathResources ?? new Dictionary<string, string>())
        {
            request.AddPathResource(name, value);
        }
        foreach (var group in query.GroupBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var values = group.Select(pair => pair.Value).ToList();
            if (values.Count == 1)
            {
                request.ParameterCollection.Add(group.Key, values[0]);
            }
            else
            {
                request.ParameterCollection.Add(group.Key, values);
            }
        }
        if (body is not null)
        {
            request.Content = body;
            request.Headers["Content-Type"] = "application/json";
        }
        if (sessionToken is not null)
        {
            request.Headers["X-Amz-Security-Token"] = sessionToken;
        }
        var result = new AWS4Signer().SignRequest(request, config, null, accessKey, secret);
        request.Headers["Authorization"] = result.ForAuthorizationHeader;

        var message = new HttpRequestMessage(new HttpMethod(method), AmazonServiceClient.ComposeUrl(request));
        if (body is not null)
        {
            message.Content = new ByteArrayContent(body);
        }
        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                message.Content?.Headers.Remove(name);
                message.Content?.Headers.TryAddWithoutValidation(name, value);
                continue;
            }
            message.Headers.TryAddWithoutValidation(name, value);
        }
        return message;
    }

    private sealed class InvokeRequest : AmazonWebServiceRequest;

    private sealed class ExecuteApiConfig() : ClientConfig(null!)
    {
        public override string RegionEndpointServiceName => "execute-api";

        public override string ServiceVersion => "2015-07-09";

        public override string UserAgent => "apiauth-interop-tests";

        public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) => new(ServiceURL);
    }
}
