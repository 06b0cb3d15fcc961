using System.Text.Json;
using ApiAuth.SigV4;
using ApiAuth.SigV4.Credentials;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.Core.Tests.SigV4;

/// <summary>One case of AWS's official SigV4 test suite (aws-c-auth, Apache-2.0; see TestData/sigv4-suite).</summary>
public sealed class SuiteCase
{
    public const string AccessKeyId = "AKIDEXAMPLE";
    public const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public static readonly DateTimeOffset SigningTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    private SuiteCase(string name)
    {
        Name = name;
        Folder = Path.Combine(Root, name);
        using var context = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "context.json")));
        var root = context.RootElement;
        Normalize = root.GetProperty("normalize").GetBoolean();
        SignBody = root.GetProperty("sign_body").GetBoolean();
        SessionToken = root.GetProperty("credentials").TryGetProperty("token", out var token) ? token.GetString() : null;
        OmitSessionToken = root.TryGetProperty("omit_session_token", out var omit) && omit.GetBoolean();
    }

    public static string Root => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "sigv4-suite", "v4");

    public string Name { get; }

    public string Folder { get; }

    public bool Normalize { get; }

    public bool SignBody { get; }

    public string? SessionToken { get; }

    public bool OmitSessionToken { get; }

    public static IEnumerable<string> Names() =>
        Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "TestData", "sigv4-suite", "v4")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static SuiteCase Load(string name) => new(name);

    public string Text(string file) => File.ReadAllText(Path.Combine(Folder, file));

    public SigV4Request Request(string file)
    {
        Assert.That(RawHttpRequest.TryParse(File.ReadAllBytes(Path.Combine(Folder, file)), out var request, out var error), Is.True, error);
        return request!;
    }

    public SigV4Verifier Verifier(FakeTimeProvider? time = null) => new(
        new InMemoryCredentialStore([new AccessKeyCredential(AccessKeyId, Secret, "arn:aws:iam::123456789012:user/example") { SessionToken = SessionToken }]),
        new SigV4VerifierOptions { Regions = ["us-east-1"], Service = "service", NormalizePath = Normalize },
        time ?? new FakeTimeProvider(SigningTime));

    public override string ToString() => Name;
}
