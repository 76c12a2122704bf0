using System.Globalization;

namespace CitizenBot.Load.Measurement;

/// <summary>Reads another process's resident memory and CPU time from /proc (Linux), for the server under load.</summary>
internal sealed class ProcessProbe(int pid)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ: 100 on every Linux this runs on.

    public bool IsAlive => File.Exists($"/proc/{pid}/status");

    /// <summary>Resident set size in bytes (VmRSS), or 0 when the process is gone.</summary>
    public long RssBytes() => ReadStatusKb("VmRSS:") * 1024;

    /// <summary>User + system CPU time the process has used so far.</summary>
    public TimeSpan CpuTime()
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

    private long ReadStatusKb(string field)
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
