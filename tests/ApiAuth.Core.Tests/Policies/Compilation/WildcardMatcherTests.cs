using System.Text;
using System.Text.RegularExpressions;
using ApiAuth.Policies.Compilation;

namespace ApiAuth.Core.Tests.Policies.Compilation;

/// <summary>The wildcard matcher: IAM's <c>*</c> and <c>?</c>, checked against an anchored-regex reference.</summary>
public sealed class WildcardMatcherTests
{
    [TestCase("*", "", true)]
    [TestCase("*", "anything/at/all", true)]
    [TestCase("", "", true)]
    [TestCase("", "a", false)]
    [TestCase("a*", "a", true)]
    [TestCase("*a", "ba", true)]
    [TestCase("*a", "ab", false)]
    [TestCase("a*b*c", "abc", true)]
    [TestCase("a*b*c", "aXbYbZc", true)]
    [TestCase("a*b*c", "acb", false)]
    [TestCase("a?c", "abc", true)]
    [TestCase("a?c", "ac", false)]
    [TestCase("*?", "", false)]
    [TestCase("ab*ba", "aba", false)]
    [TestCase("ab*ba", "abba", true)]
    [TestCase("**", "x", true)]
    [TestCase("a*a", "a", false)]
    [TestCase("?*?", "ab", true)]
    public void Matches_like_IAM(string pattern, string input, bool expected)
    {
        Assert.That(WildcardMatcher.IsMatch(pattern, input, ignoreCase: false), Is.EqualTo(expected));
        Assert.That(new WildcardPattern(pattern).IsMatch(input, ignoreCase: false), Is.EqualTo(expected));
    }

    [Test]
    public void Ignore_case_compares_case_insensitively() =>
        Assert.That(WildcardMatcher.IsMatch("EXECUTE-API:*", "execute-api:Invoke", ignoreCase: true), Is.True);

    [Test]
    public void Agrees_with_an_anchored_regex_on_random_patterns_and_inputs()
    {
        var random = new Random(20261127);
        const string patternAlphabet = "ab*?";
        const string inputAlphabet = "abAB/";
        for (var i = 0; i < 20_000; i++)
        {
            var pattern = RandomString(random, patternAlphabet, random.Next(0, 9));
            var input = RandomString(random, inputAlphabet, random.Next(0, 12));
            var ignoreCase = random.Next(2) == 0;
            var expected = ReferenceRegex(pattern, ignoreCase).IsMatch(input);
            Assert.That(WildcardMatcher.IsMatch(pattern, input, ignoreCase), Is.EqualTo(expected), $"pattern '{pattern}' input '{input}' ignoreCase {ignoreCase}");
            Assert.That(new WildcardPattern(pattern).IsMatch(input, ignoreCase), Is.EqualTo(expected), $"compiled pattern '{pattern}' input '{input}' ignoreCase {ignoreCase}");
        }
    }

    [Test]
    public void Pathological_patterns_finish_on_long_inputs()
    {
        // A backtracking regex needs exponential time for these; the chunked matcher is at most input × pattern.
        var input = new string('a', 200_000);
        Assert.That(WildcardMatcher.IsMatch("*a*a*a*a*a*a*a*a*a*a*b", input, ignoreCase: false), Is.False);
        Assert.That(WildcardMatcher.IsMatch("*a*a*a*a*a*a*a*a*a*a*a", input, ignoreCase: true), Is.True);
        Assert.That(WildcardMatcher.IsMatch("*?*?*?*?*?*?*?*?*b", input, ignoreCase: false), Is.False);
        Assert.That(new WildcardPattern("*a*a*a*a*a*a*a*a*a*a*b").IsMatch(input, ignoreCase: false), Is.False);
        Assert.That(new WildcardPattern("*?a*?a*?a*?a*?a*?b").IsMatch(input, ignoreCase: true), Is.False);
    }

    internal static Regex ReferenceRegex(string pattern, bool ignoreCase)
    {
        var regex = new StringBuilder("^");
        foreach (var c in pattern)
        {
            regex.Append(c switch
            {
                '*' => ".*",
                '?' => ".",
                _ => Regex.Escape(c.ToString()),
            });
        }
        regex.Append('$');
        return new Regex(regex.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None));
    }

    private static string RandomString(Random random, string alphabet, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }
        return new string(chars);
    }
}
