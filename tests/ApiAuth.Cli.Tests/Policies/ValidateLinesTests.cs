using ApiAuth.Cli.Commands;
using ApiAuth.Policies.Validation;

namespace ApiAuth.Cli.Tests.Policies;

/// <summary>What <c>apiauth validate</c> prints for a report: one line per finding, then a summary.</summary>
public sealed class ValidateLinesTests
{
    [Test]
    public void Validation_report_lists_findings_then_a_summary()
    {
        var report = PolicyValidationReport.Create("""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "Invoke", "Resource": "*"}}"""u8.ToArray(), null);
        Assert.That(report.HasErrors, Is.True);
        Assert.That(ValidateCommand.Lines(report), Is.EqualTo(new[]
        {
            "error: $.Statement.Action: 'Invoke' is not an action: expected \"*\" or \"service:Action\", e.g. \"execute-api:Invoke\". [InvalidAction]",
            "invalid: 1 error(s), 0 warning(s)",
        }));
    }
}
