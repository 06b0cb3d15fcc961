namespace ApiAuth.Cli.Tests.Definitions;

// Fixtures: tests/ApiAuth.Core.Tests/TestData/definitions (sources in its README.md). Goldens: TestData/import.
public sealed class ImportCommandTests
{
    [TestCase("petstore-swagger2.yaml", "json", 0)]
    [TestCase("petstore-swagger2.yaml", "table", 0)]
    [TestCase("petstore-oas30.json", "json", 0)]
    [TestCase("petstore-oas30.json", "table", 0)]
    [TestCase("aws-docs-request-validation-sample.json", "json", 1)]
    [TestCase("aws-docs-request-validation-sample.json", "table", 1)]
    public async Task Import_prints_routes_authorizers_policy_and_refused_items_as_the_golden_file(string fixture, string format, int exitCode)
    {
        var run = await CliRun.RunAsync(string.Empty, "import", CliRun.Data("definitions", fixture), "--format", format);

        Assert.That(run.ExitCode, Is.EqualTo(exitCode), run.Stderr);
        Assert.That(run.Stdout, Is.EqualTo(await File.ReadAllTextAsync(CliRun.Data("import", $"{fixture}.{format}.golden"))));
    }

    [Test]
    public async Task Stage_option_names_the_stage_when_the_export_has_none_and_may_not_contradict_it()
    {
        var contradicting = await CliRun.RunAsync(string.Empty, "import", CliRun.Data("definitions", "petstore-swagger2.yaml"), "--stage", "beta");

        Assert.That(contradicting.ExitCode, Is.EqualTo(1));
        Assert.That(contradicting.Stdout, Does.Contain("--stage: 'beta' contradicts the base path's stage 'prod'."));
    }

    [Test]
    public async Task Unreadable_definition_exits_1_with_the_reason()
    {
        var path = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, "{ \"swagger\": ");
        try
        {
            var run = await CliRun.RunAsync(string.Empty, "import", path);

            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(run.Stderr, Does.StartWith($"apiauth import: {path} cannot be read: the JSON is malformed"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
