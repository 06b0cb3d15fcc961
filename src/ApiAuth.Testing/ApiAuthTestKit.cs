using System.Collections.Concurrent;
using System.Security.Cryptography;
using ApiAuth.AspNetCore.Configuration;
using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Validation;
using ApiAuth.SigV4.Credentials;

namespace ApiAuth.Testing;

/// <summary>
/// Everything a test needs to call an app protected by ApiAuth: IAM callers with fresh credentials, signed
/// <see cref="HttpClient"/> handlers, a user pool minting tokens, and fake custom authorizers. One per test or
/// fixture; register it in the app under test with <c>services.AddApiAuthTestKit(kit)</c> (from
/// <c>ConfigureTestServices</c>). Nothing of the kit is trusted by an app that does not register it.
/// </summary>
/// <example>
/// <code>
/// var kit = new ApiAuthTestKit();
/// var alice = kit.AddCaller("arn:aws:iam::123456789012:user/alice", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]}""");
/// using var factory = new WebApplicationFactory&lt;Program&gt;().WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddApiAuthTestKit(kit)));
/// using var client = factory.CreateDefaultClient(kit.SigV4Handler(alice));
/// ApiAuthAssert.Allowed(await client.GetAsync("/pets"));
/// </code>
/// </example>
public sealed class ApiAuthTestKit : IDisposable
{
    private readonly ConcurrentDictionary<string, AccessKeyCredential> _credentials = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeAuthorizer> _replacements = new(StringComparer.Ordinal);
    private volatile ApiAuthOptions? _options;

    /// <summary>Creates a kit.</summary>
    /// <param name="timeProvider">The clock for signatures and token lifetimes; give the app's when it uses a fake clock. Null for the system clock.</param>
    public ApiAuthTestKit(TimeProvider? timeProvider = null)
    {
        TimeProvider = timeProvider ?? TimeProvider.System;
        UserPool = new TestUserPool(this);
        Hooks = new TestKitHooks(this);
    }

    /// <summary>The clock for signatures and token lifetimes.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The kit's user pool: tokens for the app's COGNITO_USER_POOLS and JWT authorizers.</summary>
    public TestUserPool UserPool { get; }

    /// <summary>The region requests are signed for: the app's <c>ApiAuth:Region</c> once it started, <c>us-east-1</c> before.</summary>
    public string Region => _options?.Region ?? "us-east-1";

    /// <summary>The callers added so far.</summary>
    public IReadOnlyCollection<TestCaller> Callers => [.. _credentials.Values.Select(ToCaller)];

    internal ApiAuthOptions? AttachedOptions => _options;

    internal TestKitHooks Hooks { get; }

    internal ICredentialStore CredentialStore => Hooks.Credentials;

    /// <summary>Adds an IAM caller with long-term credentials (a fresh <c>AKIA...</c> key id and secret).</summary>
    /// <param name="principalArn">The IAM user or role, e.g. <c>arn:aws:iam::123456789012:user/alice</c> (another account for cross-account tests).</param>
    /// <param name="identityPolicies">The caller's identity policies, as IAM policy JSON.</param>
    /// <returns>The caller, for <see cref="SigV4Handler"/>.</returns>
    /// <exception cref="ArgumentException">The ARN is not an IAM principal, or a policy is invalid (the message has its JSON path).</exception>
    public TestCaller AddCaller(string principalArn, params string[] identityPolicies) => AddCaller(principalArn, sessionToken: false, identityPolicies);

    /// <summary>Adds an IAM caller; with <paramref name="sessionToken"/>, temporary credentials (<c>ASIA...</c> and a session token), as from STS.</summary>
    /// <param name="principalArn">The IAM principal, e.g. <c>arn:aws:sts::123456789012:assumed-role/reader/session</c>.</param>
    /// <param name="sessionToken">Whether the credentials are temporary, so requests must carry <c>X-Amz-Security-Token</c>.</param>
    /// <param name="identityPolicies">The caller's identity policies, as IAM policy JSON.</param>
    /// <returns>The caller, for <see cref="SigV4Handler"/>.</returns>
    /// <exception cref="ArgumentException">The ARN is not an IAM principal, or a policy is invalid (the message has its JSON path).</exception>
    public TestCaller AddCaller(string principalArn, bool sessionToken, params string[] identityPolicies)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(principalArn);
        ArgumentNullException.ThrowIfNull(identityPolicies);
        for (var i = 0; i < identityPolicies.Length; i++)
        {
            var loaded = PolicyCompiler.Load(identityPolicies[i] ?? string.Empty, new PolicyCompileOptions($"{principalArn} policy {i}", PolicyKind.Identity));
            if (!loaded.IsValid)
            {
                throw new ArgumentException($"Identity policy {i} of {principalArn} is invalid: {loaded.ErrorMessage}", nameof(identityPolicies));
            }
        }
        var credential = new AccessKeyCredential(
            (sessionToken ? "ASIA" : "AKIA") + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
            RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40),
            principalArn)
        {
            SessionToken = sessionToken ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)) : null,
            IdentityPolicies = [.. identityPolicies],
        };
        _credentials[credential.AccessKeyId] = credential;
        return ToCaller(credential);
    }

    /// <summary>
    /// A handler that SigV4-signs every request as <paramref name="caller"/> for the app's region and
    /// <c>execute-api</c>, e.g. <c>factory.CreateDefaultClient(kit.SigV4Handler(alice))</c>.
    /// </summary>
    /// <param name="caller">A caller of this kit (or any credentials to sign with, e.g. to test a wrong secret).</param>
    /// <param name="form">Header form or presigned URL.</param>
    /// <returns>A new handler (one per client).</returns>
    public DelegatingHandler SigV4Handler(TestCaller caller, SigV4Form form = SigV4Form.Header)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new TestSigV4Handler(this, caller, form);
    }

    /// <summary>
    /// Runs <paramref name="fake"/> instead of the app's TOKEN or REQUEST authorizer <paramref name="name"/>, from the
    /// next invocation on (results the app already cached still apply, as in API Gateway). The authorizer's identity
    /// sources and cache settings stay the app's.
    /// </summary>
    /// <param name="name">The authorizer's name in <c>ApiAuth:Authorizers</c>.</param>
    /// <param name="fake">The fake to run.</param>
    /// <exception cref="ArgumentException">The app, already started, has no TOKEN or REQUEST authorizer of that name
    /// (before it starts, the same mistake stops it).</exception>
    public void ReplaceAuthorizer(string name, FakeAuthorizer fake)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(fake);
        if (_options is { } options && TestKitHooks.ProblemWith(name, options) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }
        _replacements[name] = fake;
    }

    internal FakeAuthorizer? ReplacementFor(string name) => _replacements.GetValueOrDefault(name);

    internal IEnumerable<string> ReplacedNames => _replacements.Keys;

    internal void Attach(ApiAuthOptions options) => _options = options;

    internal AccessKeyCredential? FindCredential(string accessKeyId) => _credentials.GetValueOrDefault(accessKeyId);

    /// <summary>Disposes the user pool's key.</summary>
    public void Dispose() => UserPool.Dispose();

    private static TestCaller ToCaller(AccessKeyCredential credential) =>
        new(credential.PrincipalArn, credential.AccessKeyId, credential.SecretAccessKey, credential.SessionToken);
}
