using System.Text.RegularExpressions;

namespace CitizenBot.Dialogs.Main;

/// <summary>One intent of <c>Main/IntentRules.json</c>, its keywords already as match keys and its patterns compiled.</summary>
internal sealed record IntentRule(string Intent, int Priority, IReadOnlyList<string> Keywords, IReadOnlyList<Regex> Patterns);
