using ApiAuth.Authorizers;
using ApiAuth.Gateway;
using ApiAuth.SigV4;

namespace ApiAuth.Tests.Gateway;

/// <summary>Every stage's reason has its typed decision reason of the same name: none is lost to free text.</summary>
public class DecisionReasonTests
{
    [Test]
    public void Every_SigV4_failure_reason_maps_to_the_decision_reason_of_its_name()
    {
        foreach (var reason in Enum.GetValues<SigV4FailureReason>().Where(r => r.ToString() != "None"))
        {
            Assert.That(DecisionReasons.From(reason).ToString(), Is.EqualTo(reason.ToString()));
        }
    }

    [Test]
    public void Every_authorizer_reason_maps_to_the_decision_reason_of_its_name()
    {
        foreach (var reason in Enum.GetValues<AuthorizerReason>().Where(r => r != AuthorizerReason.Allowed))
        {
            Assert.That(DecisionReasons.From(reason).ToString(), Is.EqualTo(reason.ToString()));
        }
        Assert.That(DecisionReasons.From(AuthorizerReason.Allowed), Is.EqualTo(DecisionReason.Allow));
    }
}
