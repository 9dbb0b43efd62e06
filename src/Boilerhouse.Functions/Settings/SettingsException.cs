namespace Boilerhouse.Functions.Settings;

/// <summary>A missing or invalid setting; start-up stops with this message, which names the setting.</summary>
public sealed class SettingsException(string message) : Exception(message);
