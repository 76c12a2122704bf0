using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Understanding;

namespace CitizenBot.Dialogs.Safety;

/// <summary>The urgent ticket offered after an emergency answer (saved as JSON between turns).</summary>
internal sealed record EmergencyReportState
{
    /// <summary>The kinds already answered; naming them again (e.g. in the address) is not a new alarm.</summary>
    public List<EmergencyKind> Kinds { get; init; } = [];

    /// <summary>The numbers the emergency answer named, named again when the offer is answered with something else.</summary>
    public List<string> Numbers { get; init; } = [];

    public string CategoryCode { get; init; } = string.Empty;

    /// <summary>The citizen's own words that raised the alarm: the ticket's description.</summary>
    public string Description { get; init; } = string.Empty;

    public ReportLocation? Location { get; init; }

    /// <summary>The place of the report the alarm interrupted: one tap at the address question, never taken without it.</summary>
    public ReportLocation? EarlierLocation { get; init; }

    /// <summary>Fixed when the offer is made and saved with it: a retried 是 gets the same urgent ticket (<see cref="ReportSubmission.SubmissionId"/>).</summary>
    public string SubmissionId { get; init; } = ReportSubmission.NewSubmissionId();
}
