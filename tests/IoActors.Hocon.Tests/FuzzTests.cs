using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Hocon.Tests.Support;
using Xunit;

namespace IoActors.Hocon.Tests;

/// <summary>Thousands of deterministic random and mutated inputs: a value or a HoconException, nothing else, never a hang.</summary>
public sealed class FuzzTests
{
    private static readonly TimeSpan PerInputBudget = TimeSpan.FromSeconds(10);

    private static readonly HoconParseOptions Options = new()
    {
        EnvironmentVariables = name => name == "a" ? "env" : null,
        BaseDirectory = Path.Combine(Path.GetTempPath(), "ioactors-hocon-fuzz-empty"),
    };

    [Theory]
    [InlineData(1, "tokens")]
    [InlineData(2, "chars")]
    [InlineData(3, "mutations")]
    public void Parse_RandomInput_GivesValueOrHoconException(int seed, string mode)
    {
        var fuzzer = new HoconFuzzer(seed);
        int values = 0, errors = 0;
        for (var i = 0; i < 2000; i++)
        {
            var input = mode switch
            {
                "tokens" => fuzzer.RandomTokens(),
                "chars" => fuzzer.RandomChars(),
                _ => fuzzer.Mutate(),
            };

            var outcome = RunWithBudget(input);
            if (outcome is null)
            {
                values++;
            }
            else
            {
                outcome.Should().BeOfType<HoconException>($"input #{i} {System.Text.Json.JsonSerializer.Serialize(input)} must fail with HoconException, not {outcome}");
                var hocon = (HoconException)outcome;
                hocon.Reason.Should().NotBeNullOrWhiteSpace();
                errors++;
            }
        }

        (values + errors).Should().Be(2000);
        values.Should().BeGreaterThan(0, "some inputs should parse");
        errors.Should().BeGreaterThan(0, "some inputs should fail");
    }

    [Fact]
    public void Parse_GeneratedWellFormedDocuments_MatchExpectedJson()
    {
        var fuzzer = new HoconFuzzer(4);
        for (var i = 0; i < 1000; i++)
        {
            var (hocon, json) = fuzzer.WellFormed();
            var actual = HoconConfig.Parse(hocon, null, Options).ToJson(false);
            JsonNode.DeepEquals(JsonNode.Parse(actual), JsonNode.Parse(json)).Should().BeTrue($"#{i}: {hocon}\nexpected {json}\nactual {actual}");

            // Rendering back to HOCON and parsing again is lossless.
            var again = HoconConfig.Parse(HoconConfig.Parse(hocon, null, Options).ToHocon(), null, Options).ToJson(false);
            again.Should().Be(actual);
        }
    }

    // Returns null when the input parsed, otherwise the exception it threw.
    private static Exception? RunWithBudget(string input)
    {
        var task = Task.Run(() =>
        {
            try
            {
                var config = HoconConfig.Parse(input, null, Options);
                _ = config.ToJson();
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        });

        var finished = task.Wait(PerInputBudget);
        finished.Should().BeTrue($"parsing {System.Text.Json.JsonSerializer.Serialize(input)} must finish within {PerInputBudget}");
        return task.Result;
    }
}
