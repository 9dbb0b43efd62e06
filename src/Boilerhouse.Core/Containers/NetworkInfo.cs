namespace Boilerhouse.Core.Containers;

/// <summary>A Docker network as listed by the engine: its name, labels and when it was created.</summary>
public sealed record NetworkInfo(string Name, IReadOnlyDictionary<string, string> Labels, DateTimeOffset CreatedAt);
