using System.Globalization;

namespace CitizenBot.Load.Measurement;

/// <summary>
/// The whole machine's CPU time from the first line of /proc/stat (Linux): busy and idle, summed over all cores. With the
/// server's and the driver's own CPU over the same window it tells where the cores went during a row: the server, the
/// driver, everything else, or nowhere (idle: turns waited on something other than a core).
/// </summary>
internal readonly record struct MachineCpu(TimeSpan Busy, TimeSpan Idle)
{
    private const double TicksPerSecond = 100; // USER_HZ, as in ProcessProbe.

    /// <returns>The time so far, or zero where /proc/stat does not exist.</returns>
    public static MachineCpu Now()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user).
            var fields = (reader.ReadLine() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long Field(int i) => fields.Length > i ? long.Parse(fields[i], CultureInfo.InvariantCulture) : 0;
            var idle = Field(4) + Field(5);
            var busy = Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8);
            return new MachineCpu(TimeSpan.FromSeconds(busy / TicksPerSecond), TimeSpan.FromSeconds(idle / TicksPerSecond));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return default;
        }
    }

    public static MachineCpu operator -(MachineCpu after, MachineCpu before) => new(after.Busy - before.Busy, after.Idle - before.Idle);
}
