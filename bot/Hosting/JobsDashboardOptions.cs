namespace CitizenBot.Bot.Hosting;

/// <summary>Credentials of the jobs dashboard, bound from configuration section <c>Ops</c>.</summary>
public sealed class JobsDashboardOptions
{
    public const string SectionName = "Ops";

    /// <summary>Basic-auth user. <value>Empty: the dashboard answers only requests from loopback.</value></summary>
    public string User { get; set; } = "";

    /// <summary>Basic-auth password (from secrets, never from a committed file).</summary>
    public string Password { get; set; } = "";
}
