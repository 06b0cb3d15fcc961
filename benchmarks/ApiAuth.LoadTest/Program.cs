using ApiAuth.AspNetCore.Configuration;
using ApiAuth.Gateway;

// The server of the end-to-end load test (run.sh): one handler behind NONE and behind AWS_IAM, with an identity
// policy and a resource policy, so wrk can compare the two in one run.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddApiAuth(options =>
{
    options.ApiId = "loadtest";
    options.ResourcePolicy = """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/*/*"},
          {"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/*/*","Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}]}
        """;
    var credential = new CredentialOptions
    {
        AccessKeyId = "AKIAIOSFODNN7EXAMPLE",
        SecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        PrincipalArn = "arn:aws:iam::123456789012:user/loadtest",
    };
    credential.Policies.Add("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:123456789012:loadtest/prod/GET/*"}]}""");
    options.Credentials.Add(credential);
});

var app = builder.Build();
static IResult Pet(string id) => Results.Ok(new { id, name = "Rex" });
app.MapGet("/none/pets/{id}", Pet).RequireApiAuthorization(AuthorizationType.None);
app.MapGet("/iam/pets/{id}", Pet).RequireApiAuthorization(AuthorizationType.AwsIam);
app.Run();
