using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using ApiAuth.Authorizers;
using ApiAuth.Authorizers.Custom;
using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ApiAuth.Benchmarks;

/// <summary>
/// DESIGN.md §5: a cached authorizer decision (TOKEN authorizer, cache hit, policy evaluated for the method ARN) must be
/// at least 100× faster than a fresh RS256 validation by JsonWebTokenHandler, and allocate at most 256 B.
/// The TOKEN authorizer's identity value is a real Cognito-sized JWT, so the cache key work is realistic.
/// </summary>
[MemoryDiagnoser]
public class AuthorizerBenchmarks
{
    private const string MethodArn = "arn:aws:execute-api:us-east-1:123456789012:api123/prod/GET/pets";

    private RSA _rsa = null!;
    private string _jwt = null!;
    private TokenValidationParameters _parameters = null!;
    private JsonWebTokenHandler _handler = null!;
    private CustomAuthorizerInvoker _invoker = null!;
    private CustomAuthorizerRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(_rsa) { KeyId = "kid-1" };
        var issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Bench";
        var now = DateTimeOffset.UtcNow;
        _handler = new JsonWebTokenHandler();
        _jwt = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = "client-1",
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddHours(1).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
                ["token_use"] = "id",
                ["email"] = "alice@example.com",
                ["cognito:groups"] = new[] { "admins", "readers" },
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        _parameters = new TokenValidationParameters
        {
            IssuerSigningKey = new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = "kid-1" },
            ValidIssuer = issuer,
            ValidAudience = "client-1",
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        };

        var authorizer = new FixedAuthorizer();
        _invoker = new CustomAuthorizerInvoker(
            [new CustomAuthorizerRegistration(CustomAuthorizerDefinition.Token("bench"), authorizer)],
            new GlobPolicyCompilerStandIn(),
            TimeProvider.System);
        _request = new CustomAuthorizerRequest
        {
            MethodArn = MethodArn,
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = _jwt },
        };
        if (!_invoker.AuthorizeAsync("bench", _request).AsTask().GetAwaiter().GetResult().IsAllowed || !FreshJwtValidation())
        {
            throw new InvalidOperationException("Benchmark setup is wrong: both paths must allow.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _invoker.Dispose();
        _rsa.Dispose();
    }

    [Benchmark(Baseline = true)]
    public bool FreshJwtValidation() => _handler.ValidateTokenAsync(_jwt, _parameters).GetAwaiter().GetResult().IsValid;

    [Benchmark]
    public bool CachedTokenAuthorizerDecision()
    {
        var pending = _invoker.AuthorizeAsync("bench", _request);
        return pending.IsCompletedSuccessfully ? pending.Result.IsAllowed : pending.AsTask().GetAwaiter().GetResult().IsAllowed;
    }

    private sealed class FixedAuthorizer : ICustomAuthorizer
    {
        public Task<CustomAuthorizerResponse> AuthorizeAsync(CustomAuthorizerRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new CustomAuthorizerResponse
            {
                PrincipalID = "user-1",
                PolicyDocument = new AuthorizerPolicyDocument
                {
                    Statement =
                    [
                        new AuthorizerPolicyStatement { Effect = "Deny", Action = new HashSet<string> { "execute-api:Invoke" }, Resource = new HashSet<string> { "arn:aws:execute-api:*:*:*/*/DELETE/*" } },
                        new AuthorizerPolicyStatement { Effect = "Allow", Action = new HashSet<string> { "execute-api:Invoke" }, Resource = new HashSet<string> { "arn:aws:execute-api:us-east-1:123456789012:api123/prod/GET/*", "arn:aws:execute-api:us-east-1:123456789012:api123/prod/POST/pets" } },
                    ],
                },
                Context = new Dictionary<string, object?> { ["tenant"] = "acme" },
            });
    }

    /// <summary>
    /// STAND-IN for the IAM policy engine (branch <c>policies</c>, not merged yet): Effect/Action/Resource with a linear
    /// <c>*</c>/<c>?</c> matcher and deny-overrides, allocation-free per evaluation like the engine's target.
    /// </summary>
    private sealed class GlobPolicyCompilerStandIn : IAuthorizerPolicyCompiler
    {
        public bool TryCompile(string policyDocumentJson, [NotNullWhen(true)] out IAuthorizerPolicy? policy, out string? error)
        {
            using var document = JsonDocument.Parse(policyDocumentJson);
            var statements = document.RootElement.GetProperty("Statement").EnumerateArray()
                .Select(s => (
                    Allow: s.GetProperty("Effect").GetString() == "Allow",
                    Actions: s.GetProperty("Action").EnumerateArray().Select(a => a.GetString()!.ToLowerInvariant()).ToArray(),
                    Resources: s.GetProperty("Resource").EnumerateArray().Select(r => r.GetString()!).ToArray()))
                .ToArray();
            policy = new Policy(statements);
            error = null;
            return true;
        }

        private sealed class Policy((bool Allow, string[] Actions, string[] Resources)[] statements) : IAuthorizerPolicy
        {
            public AuthorizerPolicyDecision Evaluate(string methodArn)
            {
                var allowed = false;
                foreach (var (allow, actions, resources) in statements)
                {
                    if (AnyMatch(actions, "execute-api:invoke") && AnyMatch(resources, methodArn))
                    {
                        if (!allow)
                        {
                            return AuthorizerPolicyDecision.ExplicitDeny;
                        }

                        allowed = true;
                    }
                }

                return allowed ? AuthorizerPolicyDecision.Allow : AuthorizerPolicyDecision.ImplicitDeny;
            }

            // A loop, not Array.Exists with a lambda: capturing the ARN would allocate on every evaluation.
            private static bool AnyMatch(string[] patterns, string text)
            {
                foreach (var pattern in patterns)
                {
                    if (Glob(pattern, text))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool Glob(string pattern, string text)
            {
                int p = 0, t = 0, star = -1, mark = 0;
                while (t < text.Length)
                {
                    if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
                    {
                        p++;
                        t++;
                    }
                    else if (p < pattern.Length && pattern[p] == '*')
                    {
                        star = p++;
                        mark = t;
                    }
                    else if (star >= 0)
                    {
                        p = star + 1;
                        t = ++mark;
                    }
                    else
                    {
                        return false;
                    }
                }

                while (p < pattern.Length && pattern[p] == '*')
                {
                    p++;
                }

                return p == pattern.Length;
            }
        }
    }
}
