namespace CitizenBot.Dialogs.Understanding;

/// <summary>The models shipped in this assembly, loaded once per process (about half a second) and shared: they are read-only.</summary>
internal static class EmbeddedModels
{
    private static readonly Lazy<MessageClassifier> Loaded = new(ModelCard.LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    public static MessageClassifier Classifier => Loaded.Value;
}
