namespace CitizenBot.Dialogs.Text;

/// <summary>
/// One OpenCC dictionary (<c>export default "繁 简|繁繁 简简|..."</c>) read from the resources the build embeds.
/// A value may list several candidates separated by spaces; the first is OpenCC's preferred one.
/// </summary>
internal sealed class OpenCcDictionary
{
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private OpenCcDictionary(Dictionary<string, string> entries)
    {
        _lookup = entries.GetAlternateLookup<ReadOnlySpan<char>>();
        MaxKeyLength = entries.Count == 0 ? 0 : entries.Keys.Max(k => k.Length);
    }

    /// <summary>Length in UTF-16 units of the longest key.</summary>
    public int MaxKeyLength { get; }

    public bool TryGet(ReadOnlySpan<char> key, out string value) => _lookup.TryGetValue(key, out value!);

    public static OpenCcDictionary Parse(string module)
    {
        var start = module.IndexOf('"', StringComparison.Ordinal);
        var end = module.LastIndexOf('"');
        if (start < 0 || end <= start)
        {
            throw new InvalidDataException("An OpenCC dictionary module must hold one quoted string of 'key value|key value' pairs.");
        }

        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in module.AsSpan(start + 1, end - start - 1).Split('|'))
        {
            var text = module.AsSpan(start + 1, end - start - 1)[pair];
            var space = text.IndexOf(' ');
            if (space <= 0)
            {
                continue;
            }

            var candidates = text[(space + 1)..];
            var nextSpace = candidates.IndexOf(' ');
            var first = nextSpace < 0 ? candidates : candidates[..nextSpace];
            if (!first.IsEmpty)
            {
                entries.TryAdd(text[..space].ToString(), first.ToString());
            }
        }

        return new OpenCcDictionary(entries);
    }

    public static OpenCcDictionary Load(string resourceName)
    {
        var assembly = typeof(OpenCcDictionary).Assembly;
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException(
                $"The embedded resource '{resourceName}' is missing. It is fetched from npm (opencc-js) by the build: rebuild CitizenBot.Dialogs with network access to the npm registry.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
