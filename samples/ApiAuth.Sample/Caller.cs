namespace ApiAuth.Sample;

/// <summary>What every allowed route answers: what ApiAuth knows of the caller.</summary>
internal static class Caller
{
    public static IResult Describe(HttpContext context) => Describe(context, null);

    public static IResult Describe(HttpContext context, object? data)
    {
        var decision = context.GetApiAuthDecision();
        return Results.Json(new
        {
            principalId = decision?.PrincipalId,
            arn = decision?.PrincipalArn,
            accountId = decision?.AccountId,
            claims = decision?.Claims,
            context = decision?.Context,
            authorizationType = decision?.AuthorizationType.ToString(),
            methodArn = decision?.MethodArn,
            data,
        });
    }
}
