namespace ApiAuth.Cli.Tests.Policies;

/// <summary><c>apiauth validate</c> and <c>apiauth simulate</c> on real files (DESIGN §4).</summary>
public sealed class PolicyCommandsTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("apiauth-cli-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> Run(string stdin, params string[] args)
    {
        var run = await CliRun.RunAsync(stdin, args);
        return (run.ExitCode, run.Stdout, run.Stderr);
    }

    [Test]
    public async Task Validate_valid_policy_exits_0()
    {
        var path = WriteFile("ok.json", """{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}}""");
        var (exit, stdout, _) = await Run("", "validate", path, "--kind", "resource");
        Assert.That(exit, Is.Zero);
        Assert.That(stdout.Trim(), Is.EqualTo("valid: 0 warning(s)"));
    }

    [Test]
    public async Task Validate_prints_findings_with_JSON_paths_and_exits_1_on_errors()
    {
        var path = WriteFile("bad.json", """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/40"}}}]}""");
        var (exit, stdout, _) = await Run("", "validate", path);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout, Does.Contain("error: $.Statement[0].Condition.IpAddress['aws:SourceIp']: ").And.Contain("[InvalidConditionValue]"));
    }

    [Test]
    public async Task Validate_reads_standard_input_and_warnings_alone_exit_0()
    {
        var (exit, stdout, _) = await Run("""{"Statement": {"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "*"}}""", "validate", "-");
        Assert.That(exit, Is.Zero);
        Assert.That(stdout, Does.Contain("warning: $: ").And.Contain("[MissingVersion]"));
    }

    [Test]
    public async Task Validate_unreadable_file_exits_2()
    {
        var (exit, _, stderr) = await Run("", "validate", Path.Combine(_directory, "missing.json"));
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("cannot read the policy"));
    }

    [Test]
    public async Task Simulate_prints_one_JSON_line_per_case_in_order()
    {
        var path = WriteFile("cases.json", """
            [{"name": "office", "resourcePolicy": {"Version": "2012-10-17", "Statement": [
               {"Sid": "All", "Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
               {"Sid": "Blocked", "Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*", "Condition": {"IpAddress": {"aws:SourceIp": "192.0.2.0/24"}}}]},
              "principal": "anonymous", "action": "execute-api:Invoke", "resource": "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets",
              "context": {"aws:SourceIp": "192.0.2.10"}},
             {"name": "alice", "identityPolicies": [{"Version": "2012-10-17", "Statement": {"Sid": "Pets", "Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:*:*:abc123/*/GET/pets"}}],
              "resourcePolicy": null, "principal": "arn:aws:iam::123456789012:user/alice", "resource": "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets"}]
            """);
        var (exit, stdout, _) = await Run("", "simulate", "--cases", path);
        Assert.That(exit, Is.Zero);
        Assert.That(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')), Is.EqualTo(new[]
        {
            """{"name":"office","decision":"ExplicitDeny","statements":["resourcePolicy:Blocked"]}""",
            """{"name":"alice","decision":"Allow","statements":["identityPolicies[0]:Pets"]}""",
        }));
    }

    [Test]
    public async Task Simulate_reads_one_case_per_line_from_standard_input_and_exits_1_on_an_invalid_policy()
    {
        const string cases = """
            {"name": "broken", "resourcePolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Permit", "Principal": "*", "Action": "*", "Resource": "*"}}, "principal": "anonymous", "resource": "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/"}
            {"name": "open", "principal": "anonymous", "resource": "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/"}
            """;
        var (exit, stdout, _) = await Run(cases, "simulate", "--cases", "-");
        Assert.That(exit, Is.EqualTo(1));
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.StartWith("""{"name":"broken","decision":"Error","message":"resourcePolicy is invalid: $.Statement.Effect: """));
        Assert.That(lines[1].TrimEnd('\r'), Is.EqualTo("""{"name":"open","decision":"Allow","statements":[]}"""));
    }

    [Test]
    public async Task Simulate_supplies_the_keys_the_gateway_supplies_transport_and_time()
    {
        // As the gateway does: aws:SecureTransport (true on API Gateway's HTTPS endpoints unless the case says otherwise),
        // aws:CurrentTime and aws:EpochTime are set, so conditions on them decide alike in the CLI and in the app.
        const string policy = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "Tls", "Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*", "Condition": {"Bool": {"aws:SecureTransport": "true"}, "DateGreaterThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}, "NumericGreaterThan": {"aws:EpochTime": "1577836800"}}}]}
            """;
        var cases = $$$"""
            {"name": "https", "resourcePolicy": {{{policy.ReplaceLineEndings("")}}}, "principal": "anonymous", "resource": "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets"}
            {"name": "http", "resourcePolicy": {{{policy.ReplaceLineEndings("")}}}, "principal": "anonymous", "resource": "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets", "context": {"aws:SecureTransport": "false"}}
            """;
        var (exit, stdout, _) = await Run(cases, "simulate", "--cases", "-");
        Assert.That(exit, Is.Zero);
        Assert.That(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')), Is.EqualTo(new[]
        {
            """{"name":"https","decision":"Allow","statements":["resourcePolicy:Tls"]}""",
            """{"name":"http","decision":"ImplicitDeny","statements":[]}""",
        }));
    }

    [Test]
    public async Task Simulate_malformed_array_exits_2()
    {
        var (exit, _, stderr) = await Run("[{\"name\":", "simulate", "--cases", "-");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("not a valid JSON array"));
    }
}
