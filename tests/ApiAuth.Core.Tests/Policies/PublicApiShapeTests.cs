using ApiAuth.Policies.Compilation;

namespace ApiAuth.Core.Tests.Policies;

/// <summary>Core's public types (policy engine, gateway, ARNs, SigV4) are sealed or static, and immutable-looking (no public setters).</summary>
public sealed class PublicApiShapeTests
{
    private static readonly string[] Namespaces = ["ApiAuth.Policies", "ApiAuth.Gateway", "ApiAuth.Arns", "ApiAuth.SigV4", "ApiAuth.UsagePlans"];

    private static IEnumerable<Type> PublicTypes() => typeof(CompiledPolicy).Assembly.GetExportedTypes()
        .Where(t => Namespaces.Any(n => t.Namespace is { } ns && (ns == n || ns.StartsWith(n + ".", StringComparison.Ordinal))));

    [Test]
    public void Public_classes_are_sealed_or_static() =>
        Assert.That(PublicTypes().Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract).Select(t => t.FullName), Is.Empty);

    [Test]
    public void Public_properties_have_no_public_setters_except_init() =>
        Assert.That(PublicTypes().SelectMany(t => t.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly))
            .Where(p => p.SetMethod is { IsPublic: true } setter && !setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit"))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}"), Is.Empty);
}
