namespace ApiAuth.Policies.Parsing;

/// <summary>The policy language version named by <c>Version</c>.</summary>
internal enum PolicyVersion
{
    /// <summary><c>2008-10-17</c>, also what AWS assumes when <c>Version</c> is missing: no policy variables.</summary>
    V20081017,

    /// <summary><c>2012-10-17</c>, the current version: policy variables are allowed.</summary>
    V20121017,
}
