using System.Globalization;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Text;
using CitizenBot.Dialogs.Flows;
using Microsoft.Extensions.Options;

namespace CitizenBot.Dialogs.Main;

/// <summary>The registered flows in menu order: shown as numbered options with buttons, picked by number or title.</summary>
internal sealed class MainMenu
{
    private readonly List<MenuEntry> _entries;
    private readonly List<Choice> _choices;
    private readonly HashSet<string> _pickKeys;
    private readonly string _hotline;

    public MainMenu(IEnumerable<MenuEntry> entries, DialogSet dialogs, IOptions<DialogsOptions> options)
    {
        _hotline = options.Value.HumanHotline;
        _entries = [.. entries.OrderBy(e => e.Order).ThenBy(e => e.Intent, StringComparer.Ordinal)];
        foreach (var entry in _entries)
        {
            if (dialogs.Find(entry.DialogId) is null)
            {
                throw new InvalidOperationException(
                    $"Menu entry '{entry.Intent}' begins dialog '{entry.DialogId}', which is not registered. Register the flow with AddFlow.");
            }
        }

        var duplicate = _entries.GroupBy(e => e.Intent, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two menu entries use the intent '{duplicate.Key}'. Each flow needs its own intent.");
        }

        _choices = [.. _entries.Select(e => new Choice(e.Title, e.Synonyms))];
        _pickKeys = [.. _choices.SelectMany(c => (c.Synonyms ?? []).Prepend(c.Value)).Select(ChineseText.ToMatchKey)];
    }

    public IReadOnlyList<MenuEntry> Entries => _entries;

    public MenuEntry? FindByIntent(string intent) => _entries.Find(e => string.Equals(e.Intent, intent, StringComparison.Ordinal));

    /// <summary>The entry a message picks by number or title, or null.</summary>
    public MenuEntry? Match(string matchKey)
    {
        if (_entries.Count == 0)
        {
            return null;
        }

        var recognition = ChoiceRecognizer.Recognize(matchKey, _choices);
        return recognition.Succeeded ? _entries[recognition.Value!.Index] : null;
    }

    /// <summary>The message is only a pick (a number, or a title or synonym as a whole), nothing more to understand.</summary>
    public bool IsOnlyAPick(string matchKey) =>
        ChoiceRecognizer.TryReadPick(matchKey, out _)
        || _pickKeys.Contains(matchKey);

    /// <summary>Sends the menu, under <paramref name="lead"/> if given.</summary>
    public void Send(DialogContext dc, string? lead)
    {
        if (_entries.Count == 0)
        {
            dc.SendText(WithLead(lead, string.Format(CultureInfo.CurrentCulture, Texts.MenuEmpty, _hotline)));
            return;
        }

        dc.SendChoices(WithLead(lead, Texts.MenuPrompt), [.. _entries.Select(e => e.Title)]);
    }

    private static string WithLead(string? lead, string text) => lead is null ? text : lead + "\n" + text;
}
