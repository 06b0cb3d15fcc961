namespace ApiAuth.AspNetCore.Tests.Sample;

// The sample run with --definition Demo/sample-openapi.yaml: the export, not the sample's conventions, decides.
public sealed class SampleDefinitionTests
{
    private SampleFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _factory = new SampleFactory(definitionPath: Path.Combine(AppContext.BaseDirectory, "sample-openapi.yaml"));
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Routes_get_the_auth_the_definition_gives_them()
    {
        using var signed = _factory.CreateSignedClient();

        Assert.That((await SampleFactory.GetAsync(_client, "/health")).Status, Is.EqualTo(200));
        Assert.That((await SampleFactory.GetAsync(_client, "/pets")).Message, Is.EqualTo("Missing Authentication Token"));
        Assert.That((await SampleFactory.GetAsync(signed, "/pets")).Status, Is.EqualTo(200));
        Assert.That((await SampleFactory.GetAsync(_client, "/reports", "allow")).Status, Is.EqualTo(200));
        Assert.That((await SampleFactory.GetAsync(_client, "/reports", "deny")).Status, Is.EqualTo(403));
        Assert.That((await SampleFactory.GetAsync(_client, "/orders")).Status, Is.EqualTo(401));
    }

    [Test]
    public async Task A_path_the_definition_does_not_list_is_missing_authentication_token()
    {
        var answer = await SampleFactory.GetAsync(_client, "/not-in-the-definition");

        Assert.That((answer.Status, answer.ErrorType, answer.Message), Is.EqualTo((403, "MissingAuthenticationTokenException", "Missing Authentication Token")));
    }
}
