using IoActors.Apps.Definitions;
using IoActors.Apps.Stores;

namespace IoActors.Host.Api;

/// <summary>
/// What <c>GET /api/apps/{name}/problems</c> answers: the warnings the validator finds in the registered definition, and
/// the recent store errors that name the app (a later version of it that its store rejected, with file, line and column).
/// </summary>
internal static class AppProblems
{
    public static IReadOnlyList<object> Of(AppDefinition definition, IReadOnlyList<StoreStatus> stores)
    {
        var found = new List<object>();
        foreach (var p in AppDefinitionValidator.Validate(definition, definition.StoreKind ?? StoreKind.Regular))
        {
            found.Add(new { source = p.Source ?? definition.Source, line = p.Line, column = p.Column, path = p.Path, value = p.Value, message = p.Message, severity = p.IsError ? "error" : "warning", appName = definition.Name });
        }

        foreach (var store in stores)
        {
            foreach (var e in store.RecentErrors ?? [])
            {
                if (string.Equals(e.AppName, definition.Name, StringComparison.Ordinal))
                {
                    found.Add(new { source = e.Source, line = e.Line, column = e.Column, path = string.Empty, value = (string?)null, message = e.Message, severity = "error", appName = e.AppName, storeId = e.StoreId });
                }
            }
        }

        return found;
    }
}
