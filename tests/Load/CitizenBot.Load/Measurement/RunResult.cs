using System.Text.Json.Serialization;

namespace CitizenBot.Load.Measurement;

/// <summary>One system at one concurrency over one channel: what a load run writes and the report reads.</summary>
/// <remarks>The <c>…Cores</c> figures are CPU time over the measured window (1.0 = one core all the time): the whole machine
/// busy and idle, and of that the server's (all instances) and the driver's own.</remarks>
internal sealed record RunResult(
    string System,
    string Target,
    int Concurrency,
    double Seconds,
    int Turns,
    int Conversations,
    double TurnsPerSecond,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    IReadOnlyDictionary<string, int> Errors,
    double PeakRssMb,
    double ServerCpuMsPerTurn,
    double DriverCpuMsPerTurn,
    double LoadAverageBefore = 0,
    double LoadAverageAfter = 0,
    double MachineBusyCores = 0,
    double MachineIdleCores = 0,
    double ServerCores = 0,
    double DriverCores = 0);

/// <summary>What the idle-memory run measures on CitizenBot.</summary>
internal sealed record IdleResult(
    string System,
    int Conversations,
    double StateBytesPerConversation,
    double StoreBytesPerConversation,
    double RssBeforeMb,
    double RssAfterMb);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RunResult))]
[JsonSerializable(typeof(IdleResult))]
[JsonSerializable(typeof(CitizenBot.Load.Crash.CrashResult))]
[JsonSerializable(typeof(TicketCheck))]
internal sealed partial class ResultJson : JsonSerializerContext;
