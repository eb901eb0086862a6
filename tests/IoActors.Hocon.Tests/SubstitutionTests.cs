using FluentAssertions;
using IoActors.Hocon.Tests.Support;
using Xunit;

namespace IoActors.Hocon.Tests;

public sealed class SubstitutionTests
{
    // HOCON.md "Substitutions": absolute paths, resolved after parsing so they may look forward; type preserved.
    [Fact]
    public void Resolve_Substitution_LooksForwardAndKeepsType()
    {
        HoconAssert.ParsesTo("a = ${b.c}\nb { c = 42 }\nd = ${b}", """{"a":42,"b":{"c":42},"d":{"c":42}}""");
    }

    // HOCON.md "Substitutions": the latest assigned value is used.
    [Fact]
    public void Resolve_Substitution_UsesFinalValueOfPath()
    {
        HoconAssert.ParsesTo("a = ${b}\nb = 1\nb = 2", """{"a":2,"b":2}""");
    }

    // HOCON.md "String value concatenation": substitutions concatenate into strings.
    [Fact]
    public void Resolve_SubstitutionInConcatenation_BuildsString()
    {
        HoconAssert.ParsesTo("animal.favorite = fox\nkey = ${animal.favorite} is my favorite animal\nq = ${animal.favorite}\" quoted\"",
            """{"animal":{"favorite":"fox"},"key":"fox is my favorite animal","q":"fox quoted"}""");
    }

    // HOCON.md "Substitutions": not parsed inside quoted strings.
    [Fact]
    public void Parse_SubstitutionSyntaxInsideQuotes_IsLiteral()
    {
        HoconAssert.ParsesTo("""a = "${b}" """, """{"a":"${b}"}""");
    }

    // HOCON.md "Substitutions": an undefined required substitution is an error naming the path.
    [Fact]
    public void Resolve_UndefinedSubstitution_FailsNamingPathAndPosition()
    {
        var error = HoconAssert.Fails("a = 1\nb = ${missing.value}");
        error.Path.Should().Be("missing.value");
        error.Line.Should().Be(2);
        error.Column.Should().Be(5);
        error.Reason.Should().Contain("${missing.value}").And.Contain("undefined");
    }

    // HOCON.md "Substitutions": ${?x} that is undefined removes the field, keeps the previous value, drops array elements.
    [Fact]
    public void Resolve_OptionalUndefinedSubstitution_DisappearsOrKeepsPrevious()
    {
        HoconAssert.ParsesTo("a = ${?nope}\nb = 1\nb = ${?nope}\nc = [1, ${?nope}, 2]\nd = x${?nope}y\ne = ${?nope}${?nope2}",
            """{"b":1,"c":[1,2],"d":"xy"}""");
    }

    // HOCON.md "Substitution fallback to environment variables".
    [Fact]
    public void Resolve_MissingPath_FallsBackToEnvironmentVariableAsString()
    {
        var env = new Dictionary<string, string> { ["HOME"] = "/home/me", ["PORT"] = "8080", ["EMPTY"] = string.Empty };
        HoconAssert.ParsesTo("home = ${HOME}\nport = ${?PORT}\ndir = ${HOME}/data\ne = ${EMPTY}", """{"home":"/home/me","port":"8080","dir":"/home/me/data","e":""}""", env);
    }

    // HOCON.md "Substitution fallback to environment variables": a value set to null blocks the environment.
    [Fact]
    public void Resolve_PathSetToNull_DoesNotLookAtEnvironment()
    {
        var env = new Dictionary<string, string> { ["HOME"] = "/home/me" };
        HoconAssert.ParsesTo("HOME = null\nh = ${HOME}", """{"HOME":null,"h":null}""", env);
    }

    // HOCON.md "Self-Referential Substitutions": a field may build on its previous value.
    [Fact]
    public void Resolve_SelfReference_LooksBackAtPreviousValue()
    {
        HoconAssert.ParsesTo("""
            path : "a:b:c"
            path : ${path}":d"
            list = [ /bin ]
            list = ${list} [ /usr/bin ]
            obj = { a = 1 }
            obj = ${obj} { b = 2 }
            """, """{"path":"a:b:c:d","list":["/bin","/usr/bin"],"obj":{"a":1,"b":2}}""");
    }

    // HOCON.md "Examples of Self-Referential Substitutions": a self-reference inside a path looks below.
    [Fact]
    public void Resolve_SelfReferenceThroughPath_ResolvesToValueBelow()
    {
        HoconAssert.ParsesTo("foo : { a : { c : 1 } }\nfoo : ${foo.a}\nfoo : { a : 2 }", """{"foo":{"c":1,"a":2}}""");
    }

    // HOCON.md "Examples of Self-Referential Substitutions": with nothing below, ${?foo} disappears, ${foo} fails.
    [Fact]
    public void Resolve_SelfReferenceWithoutPrevious_OptionalDisappearsRequiredFails()
    {
        HoconAssert.ParsesTo("foo : ${?foo}\na = ${?a}foo", """{"a":"foo"}""");
        HoconAssert.Fails("foo : ${foo}").Reason.Should().Contain("refers to itself");
    }

    // HOCON.md "Examples of Self-Referential Substitutions": a hidden substitution is never evaluated.
    [Fact]
    public void Resolve_SubstitutionHiddenByLaterValue_IsNotEvaluated()
    {
        HoconAssert.ParsesTo("foo : ${does-not-exist}\nfoo : 42\nbar : ${bar}\nbar : 1", """{"foo":42,"bar":1}""");
    }

    // HOCON.md "Self-Referential Substitutions": objects may refer to their own fields (look forward).
    [Fact]
    public void Resolve_ObjectReferringToOwnField_LooksForward()
    {
        HoconAssert.ParsesTo("bar : { foo : 42, baz : ${bar.foo} }\nbar : { foo : 43 }", """{"bar":{"foo":43,"baz":43}}""");
    }

    // HOCON.md "Self-Referential Substitutions": mutually-referring objects work.
    [Fact]
    public void Resolve_MutuallyReferringObjects_Resolve()
    {
        HoconAssert.ParsesTo("""
            bar : { a : ${foo.d}, b : 1 }
            bar.b = 3
            foo : { c : ${bar.b}, d : 2 }
            foo.d = 4
            """, """{"bar":{"a":4,"b":3},"foo":{"c":3,"d":4}}""");
    }

    // HOCON.md "Self-Referential Substitutions": cycles are errors that name the path.
    [Theory]
    [InlineData("bar : ${foo}\nfoo : ${bar}", "bar")]
    [InlineData("a : ${b}\nb : ${c}\nc : ${a}", "a")]
    [InlineData("a : { b : ${a} }", "a")]
    [InlineData("a : [ ${a} ]", "a")]
    public void Resolve_Cycle_FailsNamingPath(string text, string path)
    {
        var error = HoconAssert.Fails(text);
        error.Reason.Should().Contain("cycle");
        error.Reason.Should().Contain(path);
        error.Line.Should().BeGreaterThan(0);
    }

    // HOCON.md "The += field separator": a += b is a = ${?a} [b].
    [Fact]
    public void Resolve_PlusEquals_AppendsToArray()
    {
        HoconAssert.ParsesTo("a += 1\na += 2\nb = [x]\nb += y\nc { d += { e = 1 } }", """{"a":[1,2],"b":["x","y"],"c":{"d":[{"e":1}]}}""");
    }

    // HOCON.md "The += field separator": the previous value must be an array.
    [Fact]
    public void Resolve_PlusEqualsOnNonArray_Fails()
    {
        HoconAssert.Fails("a = 1\na += 2").Reason.Should().Contain("cannot concatenate");
    }

    // HOCON.md "Array and object concatenation": inheritance via object concatenation.
    [Fact]
    public void Resolve_ObjectInheritance_MergesSubstitutedObject()
    {
        HoconAssert.ParsesTo("generic = { size = 6, name = g }\neast = ${generic} { name = east }",
            """{"generic":{"size":6,"name":"g"},"east":{"size":6,"name":"east"}}""");
    }

    // HOCON.md "Substitutions": a substitution that resolves to null becomes "null" in a string concatenation.
    [Fact]
    public void Resolve_NullInStringConcatenation_BecomesNullText()
    {
        HoconAssert.ParsesTo("n = null\ns = a ${n} b", """{"n":null,"s":"a null b"}""");
    }

    // HOCON.md "Substitutions": memoized per occurrence, so both sides agree.
    [Fact]
    public void Resolve_SameSubstitutionTwice_GivesEqualValues()
    {
        var config = HoconAssert.Parse("x = { a = 1 }\ny = ${x}\nz = ${x}");
        config.GetConfig("y").ToJson().Should().Be(config.GetConfig("z").ToJson());
    }

    // HOCON.md "Paths as keys" with "Duplicate keys and object merging": a dotted key after a substituted object merges into it.
    [Fact]
    public void Resolve_DottedKeyAfterSubstitutedObject_MergesIntoIt()
    {
        HoconAssert.ParsesTo("a = ${x}\na.c = 2\nx { b = 1 }", """{"a":{"b":1,"c":2},"x":{"b":1}}""");
        HoconAssert.ParsesTo("a { b = 1 }\na = ${x}\na.c = 2\nx { d = 1 }", """{"a":{"b":1,"d":1,"c":2},"x":{"d":1}}""");
        HoconAssert.ParsesTo("a = ${x}\na = { c = 2 }\na.e = 3\nx { b = 1 }", """{"a":{"b":1,"c":2,"e":3},"x":{"b":1}}""");
    }
}
