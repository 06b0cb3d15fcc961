using ApiAuth.Gateway;
using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Evaluation;
using static ApiAuth.Core.Tests.Policies.TestPolicies;

namespace ApiAuth.Core.Tests.Gateway;

/// <summary>
/// DESIGN §3 "Resource policy × auth type", one test per rule. AWS reference: "How API Gateway resource policies
/// affect authorization workflow" (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html).
/// </summary>
public sealed class ResourcePolicyAuthTypeTests
{
    private const string Bob = "arn:aws:iam::111122223333:user/bob";

    private static readonly CompiledPolicy IdentityAllow = Identity("""{"Version": "2012-10-17", "Statement": {"Sid": "IdAllow", "Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "*"}}""", "id");
    private static readonly CompiledPolicy IdentityDeny = Identity("""{"Version": "2012-10-17", "Statement": {"Sid": "IdDeny", "Effect": "Deny", "Action": "execute-api:Invoke", "Resource": "*"}}""", "id");
    private static readonly CompiledPolicy IdentitySilent = Identity("""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}""", "id");
    private static readonly CompiledPolicy ResourceAllow = Resource("""{"Version": "2012-10-17", "Statement": {"Sid": "RpAllow", "Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}}""");
    private static readonly CompiledPolicy ResourceDeny = Resource("""{"Version": "2012-10-17", "Statement": {"Sid": "RpDeny", "Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}}""");
    private static readonly CompiledPolicy ResourceSilent = Resource("""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*/POST/*"}}""");

    private static AuthorizationDecision Iam(string caller, CompiledPolicy identity, CompiledPolicy? resource) =>
        GatewayAuthorization.AuthorizeIam(Request(principal: caller), [identity], resource);

    [Test]
    public void Same_account_identity_Allow_and_resource_Allow_is_Allow()
    {
        var decision = Iam(Alice, IdentityAllow, ResourceAllow);
        Assert.That(decision.Decision, Is.EqualTo(PolicyDecision.Allow));
        Assert.That(decision.Statements.Select(s => s.Label), Is.EquivalentTo(new[] { "id:IdAllow", "resourcePolicy:RpAllow" }));
    }

    [Test]
    public void Same_account_identity_Allow_and_resource_silent_is_Allow() =>
        Assert.That(Iam(Alice, IdentityAllow, ResourceSilent).Decision, Is.EqualTo(PolicyDecision.Allow));

    [Test]
    public void Same_account_identity_Allow_and_no_resource_policy_is_Allow() =>
        Assert.That(Iam(Alice, IdentityAllow, null).Decision, Is.EqualTo(PolicyDecision.Allow));

    [Test]
    public void Same_account_identity_silent_and_resource_Allow_is_Allow() =>
        Assert.That(Iam(Alice, IdentitySilent, ResourceAllow).Decision, Is.EqualTo(PolicyDecision.Allow));

    [Test]
    public void Same_account_resource_Allow_naming_the_caller_directly_is_enough()
    {
        var namesAlice = Resource("""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:user/alice"}, "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}}""");
        Assert.That(Iam(Alice, IdentitySilent, namesAlice).Decision, Is.EqualTo(PolicyDecision.Allow));
    }

    // AWS "Policy evaluation for requests within a single account": an account principal in a resource-based policy
    // delegates to the account's identity policies.
    [TestCase("123456789012")]
    [TestCase("arn:aws:iam::123456789012:root")]
    public void Same_account_resource_Allow_naming_only_the_account_delegates_to_identity_policies(string account)
    {
        var namesAccount = Resource($$"""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "{{account}}"}, "Action": "execute-api:Invoke", "Resource": "execute-api:/*"} }""");
        Assert.That(Iam(Alice, IdentitySilent, namesAccount).Decision, Is.EqualTo(PolicyDecision.ImplicitDeny));
        Assert.That(Iam(Alice, IdentityAllow, namesAccount).Decision, Is.EqualTo(PolicyDecision.Allow));
    }

    [Test]
    public void Same_account_both_silent_is_ImplicitDeny_naming_the_IAM_caller()
    {
        var decision = Iam(Alice, IdentitySilent, ResourceSilent);
        Assert.That(decision.Decision, Is.EqualTo(PolicyDecision.ImplicitDeny));
        Assert.That(decision.StatusCode, Is.EqualTo(403));
        Assert.That(decision.ErrorType, Is.EqualTo("AccessDeniedException"));
        Assert.That(decision.Message, Is.EqualTo($"User: {Alice} is not authorized to perform: execute-api:Invoke on resource: {MethodArn()}"));
    }

    [Test]
    public void ExplicitDeny_in_resource_policy_overrides_identity_allow()
    {
        var decision = Iam(Alice, IdentityAllow, ResourceDeny);
        Assert.That(decision.Decision, Is.EqualTo(PolicyDecision.ExplicitDeny));
        Assert.That(decision.Message, Is.EqualTo($"User: {Alice} is not authorized to perform: execute-api:Invoke on resource: {MethodArn()} with an explicit deny"));
        Assert.That(decision.Statements.Single().Label, Is.EqualTo("resourcePolicy:RpDeny"));
    }

    [Test]
    public void ExplicitDeny_in_identity_policy_overrides_resource_allow() =>
        Assert.That(Iam(Alice, IdentityDeny, ResourceAllow).Decision, Is.EqualTo(PolicyDecision.ExplicitDeny));

    [Test]
    public void ExplicitDeny_in_any_of_several_identity_policies_wins() =>
        Assert.That(GatewayAuthorization.AuthorizeIam(Request(), [IdentityAllow, IdentityDeny], ResourceAllow).Decision, Is.EqualTo(PolicyDecision.ExplicitDeny));

    [Test]
    public void Cross_account_needs_both_sides_to_allow()
    {
        Assert.That(Iam(Bob, IdentityAllow, ResourceAllow).Decision, Is.EqualTo(PolicyDecision.Allow));
        Assert.That(Iam(Bob, IdentityAllow, ResourceSilent).Decision, Is.EqualTo(PolicyDecision.ImplicitDeny));
        Assert.That(Iam(Bob, IdentityAllow, null).Decision, Is.EqualTo(PolicyDecision.ImplicitDeny));
        Assert.That(Iam(Bob, IdentitySilent, ResourceAllow).Decision, Is.EqualTo(PolicyDecision.ImplicitDeny));
        Assert.That(Iam(Bob, IdentityAllow, ResourceDeny).Decision, Is.EqualTo(PolicyDecision.ExplicitDeny));
    }

    [Test]
    public void NONE_without_a_resource_policy_is_allowed() =>
        Assert.That(GatewayAuthorization.AuthorizeResourcePolicyOnly(Request(principal: "anonymous"), null).IsAllowed, Is.True);

    [Test]
    public void NONE_with_a_resource_policy_needs_an_explicit_allow()
    {
        Assert.That(GatewayAuthorization.AuthorizeResourcePolicyOnly(Request(principal: "anonymous"), ResourceAllow).IsAllowed, Is.True);
        var denied = GatewayAuthorization.AuthorizeResourcePolicyOnly(Request(principal: "anonymous"), ResourceSilent);
        Assert.That(denied.Decision, Is.EqualTo(PolicyDecision.ImplicitDeny));
        Assert.That(denied.Message, Is.EqualTo($"User: anonymous is not authorized to perform: execute-api:Invoke on resource: {MethodArn()}"));
    }

    [Test]
    public void NONE_resource_policy_explicit_deny_answers_403_with_an_explicit_deny()
    {
        var denied = GatewayAuthorization.AuthorizeResourcePolicyOnly(Request(principal: "anonymous"), ResourceDeny);
        Assert.That((denied.StatusCode, denied.ErrorType), Is.EqualTo((403, "AccessDeniedException")));
        Assert.That(denied.Message, Is.EqualTo($"User: anonymous is not authorized to perform: execute-api:Invoke on resource: {MethodArn()} with an explicit deny"));
    }

    [Test]
    public void COGNITO_resource_policy_alone_decides_for_the_anonymous_caller()
    {
        var accountOnly = Resource("""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}}""");
        // Even a request that carries an IAM principal is judged as anonymous: Cognito callers have no IAM identity.
        Assert.That(GatewayAuthorization.AuthorizeResourcePolicyOnly(Request(principal: Alice), accountOnly).IsAllowed, Is.False);
        Assert.That(GatewayAuthorization.AuthorizeResourcePolicyOnly(Request(principal: Alice), ResourceAllow).IsAllowed, Is.True);
    }

    [Test]
    public void CUSTOM_resource_policy_explicit_deny_stops_the_request_before_the_authorizer()
    {
        var stopped = GatewayAuthorization.CheckBeforeAuthorizer(Request(principal: "anonymous"), ResourceDeny);
        Assert.That(stopped, Is.Not.Null);
        Assert.That(stopped!.Message, Does.EndWith("with an explicit deny"));
    }

    [Test]
    public void CUSTOM_resource_policy_allow_or_silence_lets_the_authorizer_run()
    {
        Assert.That(GatewayAuthorization.CheckBeforeAuthorizer(Request(principal: "anonymous"), ResourceSilent), Is.Null);
        Assert.That(GatewayAuthorization.CheckBeforeAuthorizer(Request(principal: "anonymous"), ResourceAllow), Is.Null);
        Assert.That(GatewayAuthorization.CheckBeforeAuthorizer(Request(principal: "anonymous"), null), Is.Null);
    }

    [Test]
    public void CUSTOM_authorizer_Allow_and_resource_Allow_or_silent_is_Allow()
    {
        Assert.That(GatewayAuthorization.AuthorizeWithAuthorizerPolicy(Request(principal: "anonymous"), IdentityAllow, ResourceAllow).IsAllowed, Is.True);
        Assert.That(GatewayAuthorization.AuthorizeWithAuthorizerPolicy(Request(principal: "anonymous"), IdentityAllow, ResourceSilent).IsAllowed, Is.True);
        Assert.That(GatewayAuthorization.AuthorizeWithAuthorizerPolicy(Request(principal: "anonymous"), IdentityAllow, null).IsAllowed, Is.True);
    }

    [Test]
    public void CUSTOM_authorizer_silent_and_resource_Allow_is_Allow() =>
        Assert.That(GatewayAuthorization.AuthorizeWithAuthorizerPolicy(Request(principal: "anonymous"), IdentitySilent, ResourceAllow).IsAllowed, Is.True);

    [Test]
    public void CUSTOM_both_silent_is_denied_with_the_authorizers_message()
    {
        var denied = GatewayAuthorization.AuthorizeWithAuthorizerPolicy(Request(principal: "anonymous"), IdentitySilent, ResourceSilent);
        Assert.That(denied.Decision, Is.EqualTo(PolicyDecision.ImplicitDeny));
        Assert.That((denied.StatusCode, denied.Message), Is.EqualTo((403, "User is not authorized to access this resource")));
    }

    [Test]
    public void CUSTOM_authorizer_explicit_deny_overrides_resource_allow()
    {
        var denied = GatewayAuthorization.AuthorizeWithAuthorizerPolicy(Request(principal: "anonymous"), IdentityDeny, ResourceAllow);
        Assert.That(denied.Decision, Is.EqualTo(PolicyDecision.ExplicitDeny));
        Assert.That(denied.Message, Is.EqualTo("User is not authorized to access this resource with an explicit deny"));
    }

    [Test]
    public void CUSTOM_resource_explicit_deny_overrides_authorizer_allow_with_the_anonymous_message()
    {
        var denied = GatewayAuthorization.AuthorizeWithAuthorizerPolicy(Request(principal: "anonymous"), IdentityAllow, ResourceDeny);
        Assert.That(denied.Message, Is.EqualTo($"User: anonymous is not authorized to perform: execute-api:Invoke on resource: {MethodArn()} with an explicit deny"));
    }

    [TestCase(PolicyDecision.Allow, PolicyDecision.Allow, true, PolicyDecision.Allow)]
    [TestCase(PolicyDecision.Allow, PolicyDecision.ImplicitDeny, true, PolicyDecision.Allow)]
    [TestCase(PolicyDecision.ImplicitDeny, PolicyDecision.Allow, true, PolicyDecision.Allow)]
    [TestCase(PolicyDecision.ImplicitDeny, PolicyDecision.ImplicitDeny, true, PolicyDecision.ImplicitDeny)]
    [TestCase(PolicyDecision.Allow, PolicyDecision.ExplicitDeny, true, PolicyDecision.ExplicitDeny)]
    [TestCase(PolicyDecision.ExplicitDeny, PolicyDecision.Allow, true, PolicyDecision.ExplicitDeny)]
    [TestCase(PolicyDecision.Allow, PolicyDecision.Allow, false, PolicyDecision.Allow)]
    [TestCase(PolicyDecision.Allow, PolicyDecision.ImplicitDeny, false, PolicyDecision.ImplicitDeny)]
    [TestCase(PolicyDecision.ImplicitDeny, PolicyDecision.Allow, false, PolicyDecision.ImplicitDeny)]
    [TestCase(PolicyDecision.ExplicitDeny, PolicyDecision.ImplicitDeny, false, PolicyDecision.ExplicitDeny)]
    public void Combination_table(PolicyDecision identity, PolicyDecision resource, bool sameAccount, PolicyDecision expected) =>
        Assert.That(PolicyCombination.Combine(identity, resource, sameAccount), Is.EqualTo(expected));
}
