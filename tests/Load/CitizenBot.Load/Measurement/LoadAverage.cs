using System.Globalization;

namespace CitizenBot.Load.Measurement;

/// <summary>
/// The machine's one-minute load average (/proc/loadavg): the runs share 2 cores with whatever else runs, and a
/// latency measured at load 20 says little, so every row records the load it was measured at.
/// </summary>
internal static class LoadAverage
{
    /// <returns>The one-minute load average, or 0 where /proc/loadavg does not exist.</returns>
    public static double OneMinute()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ', 2)[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }
}
