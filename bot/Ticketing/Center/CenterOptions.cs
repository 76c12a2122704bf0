using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Bot.Ticketing.Center;

/// <summary>Bound from configuration section <c>Center</c>: the service center's ticket API (contract: center-api.yaml).</summary>
public sealed class CenterOptions
{
    public const string SectionName = "Center";

    /// <summary>The center API root, e.g. <c>https://center.example.gov.cn/api</c>.
    /// <value>Empty: the built-in SIMULATED center under <c>/simulated-center</c> on this same server.</value></summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>Shared HMAC-SHA256 secret for pushes and callbacks. Required with a real <see cref="BaseUrl"/>;
    /// with the simulator, a key file under the data folder (<c>keys/center-simulator.key</c>) is used when empty.</summary>
    public string Secret { get; set; } = "";

    /// <summary>How long one push may take before it counts as a timeout and is retried. <value>10 seconds.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First retry delay; doubled per attempt. <value>5 seconds.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest retry delay. <value>10 minutes.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Callbacks whose timestamp is further than this from our clock are refused. <value>300 seconds.</value></summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan SignatureWindow { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Time between the simulated center's status steps (accepted → dispatched → resolved). <value>20 seconds.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan SimulatorStepDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a worker's claim on an outbox row lasts. A live worker clears it when the push ends; the claim
    /// of an instance that died lapses, and the outbox sweep (<c>OutboxSweeper</c>) on any instance queues the push
    /// again. Must exceed <see cref="Timeout"/>. <value>1 minute.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PushClaimLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often each instance queues the outbox rows still pending past their due time (a new row is due
    /// 30 s after its commit), so every committed row is pushed within a minute whoever committed it. <value>20 seconds.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan OutboxSweepInterval { get; set; } = TimeSpan.FromSeconds(20);

    public bool UsesSimulator => string.IsNullOrWhiteSpace(BaseUrl);
}
