namespace IoActors.Apps.Stores;

/// <summary>One problem in a store source, already placed at a line and column.</summary>
internal sealed record StoreProblem(string Source, int Line, int Column, string Message, string? AppName)
{
    public StoreError ToError(string storeId) => new(storeId, Source, Line, Column, Message, AppName);
}
