using Boilerhouse.Core.Errors;
using Cronos;

namespace Boilerhouse.Orchestration.Timers;

public static class CronSchedule
{
    /// <summary>Parses a six-field NCRONTAB expression, naming the timer when it is invalid.</summary>
    public static CronExpression Parse(string timer, string expression)
    {
        try
        {
            return CronExpression.Parse(expression, CronFormat.IncludeSeconds);
        }
        catch (CronFormatException ex)
        {
            throw new BoilerhouseException(ErrorCodes.InvalidRequest,
                $"host.json timers.{timer}: '{expression}' is not an NCRONTAB schedule with seconds (e.g. \"*/10 * * * * *\"): {ex.Message}");
        }
    }
}
