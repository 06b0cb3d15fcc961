using ApiAuth.Arns;
using ApiAuth.Gateway;
using ApiAuth.Policies.Compilation;
using ApiAuth.SigV4;
using ApiAuth.SigV4.Credentials;

namespace ApiAuth.Model;

/// <summary>
/// An API as API Gateway would hold it, checked whole: identity (region, account, API id, stage), resource policy,
/// authorizers, routes and their auth, gateway responses, stage variables and IAM callers. Immutable; only
/// <see cref="ApiModelBuilder"/> makes one, and <see cref="ApiGateway.Create"/> builds the pipeline from it.
/// </summary>
public sealed class ApiModel
{
    internal ApiModel(RestApiReference api, string stage)
    {
        Api = api;
        Stage = stage;
        Callers = new IdentityPolicyCache(api);
    }

    /// <summary>Region, account and API id.</summary>
    public RestApiReference Api { get; }

    /// <summary>The stage in method ARNs.</summary>
    public string Stage { get; }

    /// <summary>The resource policy, compiled; null for none.</summary>
    public CompiledPolicy? ResourcePolicy { get; internal init; }

    /// <summary>The authorizers by name.</summary>
    public IReadOnlyDictionary<string, ApiAuthorizer> Authorizers { get; internal init; } = new Dictionary<string, ApiAuthorizer>();

    /// <summary>The routes whose auth the model sets (from configuration or a definition), in declaration order.</summary>
    public IReadOnlyList<ApiRoute> Routes { get; internal init; } = [];

    /// <summary>Overrides of gateway responses by type (case-insensitive).</summary>
    public IReadOnlyDictionary<string, GatewayResponseOverride> GatewayResponses { get; internal init; } = new Dictionary<string, GatewayResponseOverride>();

    /// <summary>The stage's variables.</summary>
    public IReadOnlyDictionary<string, string> StageVariables { get; internal init; } = new Dictionary<string, string>();

    /// <summary>The IAM callers that may sign requests; their identity policies compile.</summary>
    public IReadOnlyList<AccessKeyCredential> Credentials { get; internal init; } = [];

    /// <summary>What SigV4 verification accepts (regions, clock skew, unsigned payloads).</summary>
    public SigV4VerifierOptions Signing { get; internal init; } = new();

    /// <summary>The largest body buffered to verify a SigV4 payload hash.</summary>
    public long MaxBodySize { get; internal init; }

    // The configured callers' policies, compiled while checking them; the pipeline starts with them warm.
    internal IdentityPolicyCache Callers { get; }
}
