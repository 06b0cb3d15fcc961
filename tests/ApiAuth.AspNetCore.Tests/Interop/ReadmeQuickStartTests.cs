namespace ApiAuth.AspNetCore.Tests.Interop;

/// <summary>The README's quick start, run as written by tests/readme/quickstart.sh (new app, adapter, curl calls).</summary>
[NonParallelizable]
public sealed class ReadmeQuickStartTests
{
    [Test]
    [CancelAfter(300_000)]
    public async Task Readme_quick_start_works_as_written()
    {
        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "ApiAuth.sln")))
        {
            repository = repository.Parent;
        }
        Assert.That(repository, Is.Not.Null, "the tests run inside the repository");

        // Below Linux's ephemeral range (32768 and up), which the other tests' port-0 servers draw from.
        var port = Random.Shared.Next(20_000, 32_768).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (exitCode, stdout, stderr) = await ExternalProcess.RunAsync("bash", [Path.Combine(repository!.FullName, "tests", "readme", "quickstart.sh"), port], timeout: TimeSpan.FromMinutes(5));
        Assert.That(exitCode, Is.Zero, stdout + stderr);
        Assert.That(stdout, Does.Contain("quick start: all steps passed"));
    }
}
