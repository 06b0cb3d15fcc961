namespace ApiAuth.Sample;

/// <summary>Prints ready-to-paste calls for every route once the sample listens.</summary>
internal static class ExampleCalls
{
    public static string For(string baseUrl, bool demo, TimeProvider time)
    {
        var url = baseUrl.TrimEnd('/');
        if (!demo)
        {
            return $"""

                ApiAuth sample listening on {url} with your --config settings.
                  curl {url}/health
                """;
        }
        var (idToken, accessToken) = DemoTokens.Mint(time);
        return $"""

            ApiAuth sample listening on {url} (embedded demo settings; pass --config <file> to use your own).
            Example calls (paste them into a shell):

              # NONE
              curl {url}/health

              # AWS_IAM: SigV4-signed by curl with the demo key
              curl --aws-sigv4 "aws:amz:us-east-1:execute-api" --user "AKIAAPIAUTHDEMO00001:apiauth-demo-secret-access-key-not-for-production" {url}/pets
              curl --aws-sigv4 "aws:amz:us-east-1:execute-api" --user "AKIAAPIAUTHDEMO00001:apiauth-demo-secret-access-key-not-for-production" {url}/pets/42
              curl --aws-sigv4 "aws:amz:us-east-1:execute-api" --user "AKIAAPIAUTHDEMO00001:apiauth-demo-secret-access-key-not-for-production" -H "Content-Type: application/json" --data-binary '{"{"}"name":"Rex"{"}"}' {url}/pets
              curl {url}/pets        # unsigned: 403 Missing Authentication Token

              # COGNITO_USER_POOLS: demo id token (/profile) and access token with scope orders/read (/orders), valid 12 h
              curl -H "Authorization: {idToken}" {url}/profile
              curl -H "Authorization: {accessToken}" {url}/orders

              # CUSTOM TOKEN authorizer "demo-token": allow → 200, deny → 403, unauthorized → 401, anything else → 500
              curl -H "Authorization: allow" {url}/reports
              curl -H "Authorization: deny" {url}/reports

              # CUSTOM REQUEST authorizer "demo-request" on header X-Tenant and query key
              curl -H "X-Tenant: acme" "{url}/admin?key=demo-key"
              curl -H "X-Tenant: acme" "{url}/admin?key=wrong"

            """;
    }
}
