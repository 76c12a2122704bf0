namespace CitizenBot.Dialogs.Flows;

/// <summary>
/// A flow offered in the main menu. Each flow registers its own entry (see <see cref="FlowRegistration.AddFlow{TDialog}"/>),
/// so Main lists and routes to it without knowing it.
/// </summary>
/// <param name="Intent">The understanding model's intent whose messages route to this flow, e.g. <c>report</c> (see <c>Understanding/corpus/LABELS.md</c>).</param>
/// <param name="Title">The menu title, from <c>Resources/Texts.resx</c>.</param>
/// <param name="DialogId">The dialog begun when the entry is chosen.</param>
/// <param name="Order">Position in the menu, smallest first.</param>
/// <param name="Synonyms">Other short names that pick the entry from the menu.</param>
/// <param name="StartsOnMedia">A photo or a location sent while no flow is active begins this flow (the report quick path).</param>
/// <param name="Claims">Commands this flow's own buttons send (e.g. "评价 20261120-0003"): always this flow, never a guess of the model's.</param>
internal sealed record MenuEntry(
    string Intent, string Title, string DialogId, int Order, IReadOnlyList<string>? Synonyms = null, bool StartsOnMedia = false, Func<string, bool>? Claims = null)
{
    /// <summary>The title and the other names, as match keys (worked out once: a turn inside a flow compares them).</summary>
    public IReadOnlyList<string> NameKeys { get; } = [.. ((IEnumerable<string>)[Title, .. Synonyms ?? []]).Select(Text.ChineseText.ToMatchKey)];
}
