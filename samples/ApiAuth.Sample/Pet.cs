namespace ApiAuth.Sample;

/// <summary>A pet posted to <c>POST /pets</c>.</summary>
internal sealed record Pet(string Name);
