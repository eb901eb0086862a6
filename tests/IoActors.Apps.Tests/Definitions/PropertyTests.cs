using System.Text;
using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using IoActors.Apps.Definitions;
using IoActors.Apps.Tests.Definitions.Support;
using Xunit;

namespace IoActors.Apps.Tests.Definitions;

/// <summary>Properties over randomly mutated valid definitions.</summary>
public sealed class PropertyTests
{
    private static readonly StoreKind[] Kinds = [StoreKind.Regular, StoreKind.System, StoreKind.InMemory];

    [Fact]
    public void ReadJson_MutatedValidDefinition_NeverThrowsAndPlacesEveryProblem()
    {
        Prop.ForAll(DefinitionMutations.MutatedDefinitions(), json =>
        {
            foreach (var kind in Kinds)
            {
                var result = AppDefinitionReader.ReadJson(Encoding.UTF8.GetBytes(json), "m.json", kind);
                _ = result.Problems.Select(p => p.ToString()).ToList();
                if (result.Problems.Any(p => p.Line < 1 || p.Column < 1))
                {
                    return false;
                }

                foreach (var definition in result.Definitions)
                {
                    _ = (definition.Title, definition.RunPriority, definition.Asset, definition.Keywords, definition.CustomProperties, definition.ContentHash);
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Validate_MutatedDefinitionWithoutErrors_IsAcceptedAndNormalizesIdempotently()
    {
        Prop.ForAll(DefinitionMutations.MutatedDefinitions(), json =>
        {
            var result = AppDefinitionReader.ReadJson(Encoding.UTF8.GetBytes(json), "m.json", StoreKind.Regular);
            foreach (var definition in result.Definitions)
            {
                AppDefinitionValidator.Validate(definition).Should().NotContain(p => p.IsError, "a normalized definition stays valid");
                var again = AppDefinitionNormalizer.Normalize(definition, StoreKind.Regular);
                again.ToJsonString().Should().Be(definition.ToJsonString());
            }

            return result.Definitions.Count + result.Problems.Count(p => p.IsError) >= result.RecordCount || result.RecordCount == 0;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ContentHash_MutatedDefinitionReserialized_IsUnchanged()
    {
        Prop.ForAll(DefinitionMutations.MutatedDefinitions(), json =>
        {
            var element = Json.Element(json);
            if (element.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return true;
            }

            var definition = AppDefinition.FromJson(element);
            var indented = AppDefinition.Parse(definition.ToJsonString(indented: true));
            return indented.ContentHash == definition.ContentHash && indented.Equals(definition);
        }).QuickCheckThrowOnFailure();
    }
}
