using ApiAuth.Gateway;
using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Evaluation;
using static ApiAuth.Core.Tests.Policies.TestPolicies;

namespace ApiAuth.Core.Tests.Gateway;

/// <summary>
/// The policies of AWS "API Gateway resource policy examples"
/// (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html) and the
/// knowledge-center "allow only specific IP addresses" policy, each with the decision AWS documents.
/// </summary>
public sealed class ResourcePolicyExamplesTests
{
    private const string Developer = "arn:aws:sts::111122223333:assumed-role/developer/session1";

    private static PolicyRequest Anonymous(string ip, string? vpce = null, string? vpc = null)
    {
        var context = new List<KeyValuePair<string, string>> { new("aws:SourceIp", ip) };
        if (vpce is not null)
        {
            context.Add(new("aws:SourceVpce", vpce));
        }
        if (vpc is not null)
        {
            context.Add(new("aws:SourceVpc", vpc));
        }
        return new PolicyRequest(RequestPrincipal.Anonymous, "execute-api:Invoke", MethodArn(), RequestContext.Create(context));
    }

    [Test]
    public void Example_allow_roles_in_another_account_grants_only_those_roles_GET_pets()
    {
        var policy = Resource("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Principal": {"AWS": ["arn:aws:iam::111122223333:role/developer", "arn:aws:iam::111122223333:role/Admin"]},
              "Action": "execute-api:Invoke", "Resource": ["execute-api:/stage/GET/pets"]}]}
            """);
        var identity = Identity("""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "*"}}""");
        AuthorizationDecision Call(string principal, string method) =>
            GatewayAuthorization.AuthorizeIam(Request(principal: principal, resource: MethodArn(method, "/pets", "stage")), [identity], policy);
        Assert.That(Call(Developer, "GET").IsAllowed, Is.True);
        Assert.That(Call("arn:aws:sts::111122223333:assumed-role/Admin/s", "GET").IsAllowed, Is.True);
        Assert.That(Call("arn:aws:sts::111122223333:assumed-role/tester/s", "GET").IsAllowed, Is.False);
        Assert.That(Call(Developer, "POST").IsAllowed, Is.False);
    }

    [Test]
    public void Example_deny_API_traffic_from_source_IP_ranges()
    {
        var policy = Resource("""
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": ["execute-api:/*"]},
              {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": ["execute-api:/*"],
               "Condition": {"IpAddress": {"aws:SourceIp": ["192.0.2.0/24", "198.51.100.0/24"]}}}]}
            """);
        Assert.That(Decide(policy, Anonymous("192.0.2.10")), Is.EqualTo(PolicyDecision.ExplicitDeny));
        Assert.That(Decide(policy, Anonymous("198.51.100.200")), Is.EqualTo(PolicyDecision.ExplicitDeny));
        Assert.That(Decide(policy, Anonymous("203.0.113.5")), Is.EqualTo(PolicyDecision.Allow));
    }

    [Test]
    public void Example_deny_private_API_traffic_by_VPC_source_IP()
    {
        var policy = Resource("""
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": ["execute-api:/*"]},
              {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": ["execute-api:/*"],
               "Condition": {"IpAddress": {"aws:VpcSourceIp": ["192.0.2.0/24", "198.51.100.0/24"]}}}]}
            """);
        var blocked = new PolicyRequest(RequestPrincipal.Anonymous, "execute-api:Invoke", MethodArn(), RequestContext.Create([new("aws:VpcSourceIp", "192.0.2.1")]));
        Assert.That(Decide(policy, blocked), Is.EqualTo(PolicyDecision.ExplicitDeny));
        Assert.That(Decide(policy, Anonymous("192.0.2.1")), Is.EqualTo(PolicyDecision.Allow));
    }

    [Test]
    public void Example_allow_private_API_traffic_only_from_a_VPC_endpoint()
    {
        var policy = Resource("""
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": ["execute-api:/*"],
               "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}},
              {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": ["execute-api:/*"]}]}
            """);
        Assert.That(Decide(policy, Anonymous("10.0.0.1", vpce: "vpce-1a2b3c4d")), Is.EqualTo(PolicyDecision.Allow));
        Assert.That(Decide(policy, Anonymous("10.0.0.1", vpce: "vpce-99999999")), Is.EqualTo(PolicyDecision.ExplicitDeny));
        // A call from the internet has no aws:SourceVpce; StringNotEquals on a missing key is true, so it is denied.
        Assert.That(Decide(policy, Anonymous("203.0.113.1")), Is.EqualTo(PolicyDecision.ExplicitDeny));
    }

    [Test]
    public void Example_allow_private_API_traffic_only_from_a_source_VPC()
    {
        var policy = Resource("""
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": ["execute-api:/*"],
               "Condition": {"StringNotEquals": {"aws:SourceVpc": "vpc-1a2b3c4d"}}},
              {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": ["execute-api:/*"]}]}
            """);
        Assert.That(Decide(policy, Anonymous("10.0.0.1", vpc: "vpc-1a2b3c4d")), Is.EqualTo(PolicyDecision.Allow));
        Assert.That(Decide(policy, Anonymous("10.0.0.1", vpc: "vpc-00000000")), Is.EqualTo(PolicyDecision.ExplicitDeny));
    }

    [Test]
    public void Knowledge_center_allow_only_specific_IP_addresses()
    {
        var policy = Resource("""
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*/*/*"},
              {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*/*/*",
               "Condition": {"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}}}]}
            """);
        var outside = GatewayAuthorization.AuthorizeResourcePolicyOnly(Anonymous("198.51.100.7"), policy);
        Assert.That(outside.Message, Is.EqualTo($"User: anonymous is not authorized to perform: execute-api:Invoke on resource: {MethodArn()} with an explicit deny"));
        Assert.That(GatewayAuthorization.AuthorizeResourcePolicyOnly(Anonymous("203.0.113.99"), policy).IsAllowed, Is.True);
    }

    [Test]
    public void Example_allow_specific_users_of_another_account()
    {
        var policy = Resource("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Principal": {"AWS": ["arn:aws:iam::111122223333:user/Alice", "arn:aws:iam::111122223333:user/Bob"]},
              "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}]}
            """);
        var identity = Identity("""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:*:123456789012:*"}}""");
        Assert.That(GatewayAuthorization.AuthorizeIam(Request(principal: "arn:aws:iam::111122223333:user/Alice"), [identity], policy).IsAllowed, Is.True);
        var carol = GatewayAuthorization.AuthorizeIam(Request(principal: "arn:aws:iam::111122223333:user/Carol"), [identity], policy);
        Assert.That(carol.IsAllowed, Is.False);
        Assert.That(carol.Message, Does.StartWith("User: arn:aws:iam::111122223333:user/Carol is not authorized to perform: execute-api:Invoke"));
    }

    [Test]
    public void Authorization_flow_example_resource_policy_only_with_IP_allow_list()
    {
        var policy = Load("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke",
              "Resource": "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*",
              "Condition": {"IpAddress": {"aws:SourceIp": ["192.0.2.0/24", "198.51.100.0/24"]}}}]}
            """);
        Assert.That(GatewayAuthorization.AuthorizeResourcePolicyOnly(Anonymous("192.0.2.1"), policy).IsAllowed, Is.True);
        var denied = GatewayAuthorization.AuthorizeResourcePolicyOnly(Anonymous("203.0.113.1"), policy);
        Assert.That(denied.Decision, Is.EqualTo(PolicyDecision.ImplicitDeny));
    }

    private static CompiledPolicy Load(string json) => Resource(json);
}
