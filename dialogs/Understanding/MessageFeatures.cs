using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Understanding;

/// <summary>
/// What the models read of a message: its text as the dialogs normalise it (NFKC, Simplified, lower case) for the
/// character n-grams, and its words as the knowledge base's Chinese analyzer (Lucene SmartCn) splits them.
/// </summary>
internal static class MessageFeatures
{
    /// <summary>Longer messages are read up to here: the start of a story says what it is about, and the cost stays bounded.</summary>
    public const int MaxChars = 400;

    // SmartCn analyzers reuse their token streams per thread, so one instance serves every thread.
    private static readonly Analyzer Words = new SmartChineseAnalyzer(LuceneVersion.LUCENE_48);

    public static ModelInput From(string? text)
    {
        var normalized = NormalizedText(text);
        return new ModelInput { Text = normalized, Words = Tokenize(normalized) };
    }

    /// <summary>The text the character features are read from: normalised, cut at <see cref="MaxChars"/>, lower case.</summary>
    public static string NormalizedText(string? text)
    {
        var normalized = ChineseText.Normalize(text);
        if (normalized.Length > MaxChars)
        {
            normalized = normalized[..(char.IsHighSurrogate(normalized[MaxChars - 1]) ? MaxChars - 1 : MaxChars)];
        }

        return normalized.ToLowerInvariant();
    }

    private static string Tokenize(string text)
    {
        if (text.Length == 0)
        {
            return string.Empty;
        }

        var words = new List<string>();
        using var stream = Words.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            words.Add(term.ToString());
        }

        stream.End();
        return string.Join(' ', words);
    }
}

/// <summary>The columns the models are trained and asked with.</summary>
internal sealed class ModelInput
{
    public string Text { get; set; } = string.Empty;

    public string Words { get; set; } = string.Empty;

    public string Label { get; set; } = string.Empty;

    /// <summary>How much a training message counts (1 for most).</summary>
    public float Weight { get; set; } = 1f;
}

/// <summary>A model's answer: one probability per label, in the order of the model's label names.</summary>
internal sealed class ModelOutput
{
    public float[] Score { get; set; } = [];
}
