namespace ApiAuth.Authorizers.Custom;

/// <summary>Where an identity source value comes from.</summary>
internal enum IdentitySourceKind
{
    /// <summary><c>method.request.header.{name}</c> (name compared case-insensitively).</summary>
    Header,

    /// <summary><c>method.request.querystring.{name}</c>.</summary>
    QueryString,

    /// <summary><c>stageVariables.{name}</c>.</summary>
    StageVariable,

    /// <summary><c>context.{name}</c>, e.g. <c>context.identity.sourceIp</c>.</summary>
    Context,
}
