using System.Globalization;

namespace CitizenBot.Load.Measurement;

/// <summary>
/// Reads other processes' resident memory and CPU time from /proc (Linux), for the server under load; with several
/// instances (scaled out) the sums over all of them.
/// </summary>
internal sealed class ProcessProbe(IReadOnlyList<int> pids)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ: 100 on every Linux this runs on.

    public ProcessProbe(int pid)
        : this([pid])
    {
    }

    public bool IsAlive => pids.Any(pid => File.Exists($"/proc/{pid}/status"));

    /// <summary>Resident set size in bytes (VmRSS), or 0 when the processes are gone.</summary>
    public long RssBytes() => pids.Sum(pid => ReadStatusKb(pid, "VmRSS:")) * 1024;

    /// <summary>User + system CPU time the processes have used so far.</summary>
    public TimeSpan CpuTime() => TimeSpan.FromTicks(pids.Sum(pid => CpuTime(pid).Ticks));

    private static TimeSpan CpuTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may hold spaces) start after the last ')'; utime and stime are 14th and 15th.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }

    private static long ReadStatusKb(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // Gone between the check and the read.
        }

        return 0;
    }
}
