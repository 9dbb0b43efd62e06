namespace Boilerhouse.Dashboard.Data;

/// <summary>A setting's value as the settings page shows it: secrets (keys, passwords, tokens, connection strings) masked.</summary>
public static class SettingMask
{
    private static readonly string[] SecretWords = ["KEY", "SECRET", "PASSWORD", "TOKEN", "CONNECTION", "CREDENTIAL", "PASSPHRASE"];

    public const string Masked = "•••••• (secret, not shown)";

    public static bool IsSecret(string name) => SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));

    public static string Show(string name, string value) => IsSecret(name) && value.Length > 0 ? Masked : value;
}
