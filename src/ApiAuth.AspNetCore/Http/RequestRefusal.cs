namespace ApiAuth.AspNetCore.Http;

/// <summary>Why the adapter could not turn an HTTP request into a gateway request; each is answered without evaluating anything.</summary>
internal enum RequestRefusal
{
    /// <summary>The request was read.</summary>
    None = 0,

    /// <summary>The body is larger than <c>MaxBodySize</c> (413).</summary>
    BodyTooLarge,

    /// <summary>A trusted proxy's forwarded-for header gives no readable client address.</summary>
    SourceAddressUnreadable,

    /// <summary>A trusted proxy's VPC endpoint or VPC header is present but unreadable or repeated.</summary>
    SourceVpcUnreadable,
}
