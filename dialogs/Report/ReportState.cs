using CitizenBot.Dialogs.Identity;

namespace CitizenBot.Dialogs.Report;

/// <summary>What the Report flow has gathered so far (saved as JSON between turns).</summary>
internal sealed record ReportState
{
    public ReporterRole Role { get; init; }

    /// <summary>The category the starting message named by its keywords; the flow asks to confirm it.</summary>
    public string? SuggestedCategoryCode { get; init; }

    public string? CategoryCode { get; init; }

    /// <summary>The starting message made the category clear: it is filled in, not asked (返回 asks it).</summary>
    public bool CategoryGiven { get; init; }

    public IReadOnlyList<string> PhotoIds { get; init; } = [];

    /// <summary>The starting message carried accepted photos (quick path): the photo question is not asked.</summary>
    public bool PhotosGiven { get; init; }

    public ReportLocation? Location { get; init; }

    /// <summary>The location came with the starting message or a photo's GPS: it is located, not asked.</summary>
    public bool LocationGiven { get; init; }

    /// <summary>The location is the GPS position read from a photo (not sent by the citizen).</summary>
    public bool LocationFromPhoto { get; init; }

    public GridPlace? Place { get; init; }

    public string? Description { get; init; }

    /// <summary>The starting message's words are the description (quick path).</summary>
    public bool DescriptionGiven { get; init; }

    public bool Anonymous { get; init; }

    public string? ContactName { get; init; }

    public string? ContactPhone { get; init; }

    public string? DuplicateTicketId { get; init; }

    public string? DuplicateNumber { get; init; }

    /// <summary>Another problem of another category the starting message told in a clause of its own (offered after the receipt).</summary>
    public string? OtherProblemCode { get; init; }

    /// <summary>The clause that told <see cref="OtherProblemCode"/>: the next report's first words.</summary>
    public string? OtherProblemText { get; init; }

    /// <summary>The address of the report this one was begun after (its other problem), offered at the address question.</summary>
    public string? EarlierPlace { get; init; }

    /// <summary>The citizen chose to add to <see cref="DuplicateTicketId"/> instead of creating a new ticket.</summary>
    public bool Supplement { get; init; }

    /// <summary>
    /// Fixed when the flow starts and saved with every turn, so a 是 that runs again (a retried delivery after a crash)
    /// submits the same ticket or supplement and is told the same number (<see cref="ReportSubmission.SubmissionId"/>).
    /// Set where the flow starts, not as a default: every turn reads this state back from JSON, and a default would
    /// draw a new random id for each read only to be overwritten.
    /// </summary>
    public string? SubmissionId { get; init; }
}
