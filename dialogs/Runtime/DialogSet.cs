namespace CitizenBot.Dialogs.Runtime;

/// <summary>Every dialog the bot knows, by id: the registered ones and, recursively, the prompts they add.</summary>
internal sealed class DialogSet
{
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);

    public DialogSet(IEnumerable<Dialog> dialogs)
    {
        foreach (var dialog in dialogs)
        {
            Add(dialog);
        }
    }

    public Dialog? Find(string id) => _dialogs.GetValueOrDefault(id);

    private void Add(Dialog dialog)
    {
        if (_dialogs.TryGetValue(dialog.Id, out var existing))
        {
            if (!ReferenceEquals(existing, dialog))
            {
                throw new InvalidOperationException(
                    $"Two different dialogs use the id '{dialog.Id}'. Give each dialog (and each custom prompt) its own id.");
            }

            return;
        }

        _dialogs.Add(dialog.Id, dialog);
        foreach (var child in dialog.Dependencies)
        {
            Add(child);
        }
    }
}
