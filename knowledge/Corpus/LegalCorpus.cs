using System.Reflection;

namespace CitizenBot.Knowledge.Corpus;

/// <summary>All statutes of the corpus, split into articles, with lookup by law id and article number.</summary>
internal sealed class LegalCorpus
{
    private const string ResourcePrefix = "laws/";
    private readonly Dictionary<(string LawId, int Number), int> _ordinals;

    public LegalCorpus(IEnumerable<Law> laws)
    {
        Laws = laws.OrderBy(l => l.Id, StringComparer.Ordinal).ToArray();
        Articles = Laws.SelectMany(l => l.Articles).ToArray();
        _ordinals = Enumerable.Range(0, Articles.Count).ToDictionary(i => (Articles[i].LawId, Articles[i].Number));
    }

    public IReadOnlyList<Law> Laws { get; }

    /// <summary>Every article, law by law, in order.</summary>
    public IReadOnlyList<LawArticle> Articles { get; }

    public LawArticle? Find(string lawId, int number) => OrdinalOf(lawId, number) is >= 0 and var i ? Articles[i] : null;

    /// <summary>The position of an article in <see cref="Articles"/>, or -1 when the corpus lacks it.</summary>
    public int OrdinalOf(string lawId, int number) => _ordinals.GetValueOrDefault((lawId, number), -1);

    /// <summary>Loads the statutes shipped inside this assembly (Corpus/laws/*.md).</summary>
    public static LegalCorpus LoadEmbedded()
    {
        var assembly = typeof(LegalCorpus).Assembly;
        var laws = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)
                && n.EndsWith(".md", StringComparison.Ordinal)
                && n != ResourcePrefix + "SOURCES.md")
            .Select(n => StatuteParser.Parse(Path.GetFileNameWithoutExtension(n), ReadResource(assembly, n)));
        return new LegalCorpus(laws);
    }

    internal static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing; check the EmbeddedResource items in CitizenBot.Knowledge.csproj.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
