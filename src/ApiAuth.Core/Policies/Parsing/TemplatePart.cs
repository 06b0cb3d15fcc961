namespace ApiAuth.Policies.Parsing;

/// <summary>The kind of a piece of a policy string that may contain policy variables.</summary>
internal enum TemplatePartKind
{
    /// <summary>Policy text; in wildcard contexts its <c>*</c> and <c>?</c> are wildcards.</summary>
    Text,

    /// <summary>A character written as <c>${*}</c>, <c>${?}</c> or <c>${$}</c>: always literal.</summary>
    Escaped,

    /// <summary><c>${key}</c> or <c>${key, 'default'}</c>: replaced by the request's value, always literal.</summary>
    Variable,
}

/// <summary>A piece of a policy string: text, an escaped character, or a variable with an optional default.</summary>
internal readonly record struct TemplatePart(TemplatePartKind Kind, string Text, string? Default);
