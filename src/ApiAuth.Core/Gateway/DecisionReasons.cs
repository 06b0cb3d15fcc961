using ApiAuth.Authorizers;
using ApiAuth.SigV4;

namespace ApiAuth.Gateway;

/// <summary>Maps each stage's own reason to the decision's: the names are the same, so the tables are built by name once.</summary>
internal static class DecisionReasons
{
    private static readonly DecisionReason[] FromSigV4 = ByName<SigV4FailureReason>();
    private static readonly DecisionReason[] FromAuthorizer = ByName<AuthorizerReason>();

    public static DecisionReason From(SigV4FailureReason reason) => FromSigV4[(int)reason];

    public static DecisionReason From(AuthorizerReason reason) => FromAuthorizer[(int)reason];

    private static DecisionReason[] ByName<TReason>()
        where TReason : struct, Enum
    {
        var values = Enum.GetValues<TReason>();
        var table = new DecisionReason[values.Max(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)) + 1];
        foreach (var value in values)
        {
            var name = value.ToString() switch
            {
                // The stages' own words for a request that got through.
                "None" or "Allowed" => nameof(DecisionReason.Allow),
                var other => other,
            };
            table[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)] = Enum.Parse<DecisionReason>(name);
        }
        return table;
    }
}
