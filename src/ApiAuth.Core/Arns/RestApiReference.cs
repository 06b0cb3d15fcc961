namespace ApiAuth.Arns;

/// <summary>
/// Identifies one REST API: what API Gateway uses to build method ARNs and to expand the
/// <c>execute-api:/...</c> shorthand in the API's resource policy.
/// </summary>
/// <param name="Region">The API's region, e.g. <c>us-east-1</c>.</param>
/// <param name="AccountId">The 12-digit id of the account that owns the API.</param>
/// <param name="ApiId">The REST API id, e.g. <c>a1b2c3d4e5</c>.</param>
/// <param name="Partition">The partition, <c>aws</c> unless the API lives in China or GovCloud.</param>
public sealed record RestApiReference(string Region, string AccountId, string ApiId, string Partition = "aws")
{
    /// <summary>The ARN prefix every method ARN of this API starts with: <c>arn:aws:execute-api:{region}:{account}:{apiId}/</c>.</summary>
    public string ArnPrefix => $"arn:{Partition}:execute-api:{Region}:{AccountId}:{ApiId}/";
}
