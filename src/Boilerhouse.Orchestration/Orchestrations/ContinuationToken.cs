using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>An opaque, URL-safe cursor: the position of the last instance of a page.</summary>
public static class ContinuationToken
{
    public static string Encode(DateTimeOffset createdTime, string instanceId) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{createdTime.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{instanceId}"));

    public static bool TryDecode(string token, out (DateTimeOffset CreatedTime, string InstanceId) position)
    {
        position = default;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split('|', 2);
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks && InstanceIds.IsValid(parts[1]))
            {
                position = (new DateTimeOffset(ticks, TimeSpan.Zero), parts[1]);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
