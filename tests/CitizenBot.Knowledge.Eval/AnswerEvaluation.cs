using System.Globalization;
using CitizenBot.Knowledge.Answers;
using CitizenBot.Knowledge.Corpus;
using CitizenBot.Knowledge.Search;
using CitizenBot.Knowledge.Topics;

namespace CitizenBot.Knowledge.Eval;

/// <summary>
/// Answer-level evaluation: every question is answered by the composed answerer with its topic (or without, to
/// measure old callers) and the citations the citizen would read are judged against the question's relevant and
/// must-not-cite articles and its topic's statutes.
/// </summary>
internal static class AnswerEvaluation
{
    // The older question sets (holdout.jsonl, legal-dev.jsonl) tag topics with the FAQ's former tags.
    private static readonly Dictionary<string, string> FormerTags = new(StringComparer.Ordinal)
    {
        ["labor"] = LegalTopics.Labour, ["work-injury"] = LegalTopics.WorkInjury, ["neighbour"] = LegalTopics.Neighbours,
        ["legal-aid"] = LegalTopics.LegalAid, ["assistance"] = LegalTopics.SocialAssistance, ["fire"] = LegalTopics.FireSafety,
        ["fire-safety"] = LegalTopics.FireSafety, ["mediation"] = LegalTopics.Procedure, ["petition"] = LegalTopics.Procedure,
        ["housing"] = LegalTopics.Tenancy, ["domestic-violence"] = LegalTopics.DomesticViolence, ["illegal-construction"] = LegalTopics.Planning,
    };

    public static async Task<int> RunAsync(IReadOnlyList<EvalQuestion> questions, bool withTopic, bool verbose)
    {
        questions = [.. questions.Select(q => q.Topic is { } t && FormerTags.TryGetValue(t, out var code) ? q with { Topic = code } : q)];
        using var engine = LegalSearchEngine.CreateEmbedded();
        var answerer = new LegalAnswerer(engine);
        int cited = 0, firstRelevant = 0, citations = 0, relevantCitations = 0, honest = 0, outOfTopic = 0, mustNot = 0, answersOutOfTopic = 0;
        foreach (var question in questions)
        {
            var relevant = question.Relevant.Select(ToKey).ToHashSet();
            var forbidden = (question.MustNot ?? []).Select(ToKey).ToHashSet();
            var answer = await answerer.AnswerAsync(question.Question, question.Previous, withTopic ? question.Topic : null);
            var keys = answer.Citations
                .Select(c => (c.LawId, Number: ChineseNumber.TryParseArticleLabel(c.Article, out var n) ? n : 0))
                .ToList();
            if (keys.Count == 0)
            {
                honest++;
            }
            else
            {
                cited++;
                firstRelevant += relevant.Contains(keys[0]) ? 1 : 0;
            }

            citations += keys.Count;
            relevantCitations += keys.Count(relevant.Contains);
            mustNot += keys.Count(forbidden.Contains);
            var outside = question.Topic is null
                ? 0
                : keys.Count(k => !relevant.Contains(k) && !TopicScopes.Contains(question.Topic, k.LawId, k.Number));
            outOfTopic += outside;
            answersOutOfTopic += outside > 0 ? 1 : 0;
            if (verbose && (keys.Count == 0 || !keys.All(relevant.Contains)))
            {
                var marks = string.Join(" | ", keys.Select(k => $"{k.LawId}#{k.Number}{(relevant.Contains(k) ? "*" : forbidden.Contains(k) ? "!" : string.Empty)}"));
                Console.WriteLine($"[{question.Topic}] {question.Question}{(question.Previous is null ? string.Empty : " (after: " + question.Previous + ")")}");
                var path = keys.Count == 0 ? "(honest path)" : answer.Answer == AnswerTexts.ArticlesOnly ? "[articles] " + marks : "[faq] " + marks;
                var faq = engine.Search(question.Question, 30, question.Previous).Faq.Take(4)
                    .Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Entry.Id}({m.RelativeScore:F2}/{m.Coverage:F2})"));
                Console.WriteLine("   faq: " + string.Join(" ", faq));
                Console.WriteLine($"   cited: {path}   want: {string.Join(", ", relevant.Select(r => $"{r.LawId}#{r.Number}"))}");
            }
        }

        var total = questions.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"questions: {total}  topic given: {(withTopic ? "yes" : "no (inferred)")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"top-citation accuracy: {Ratio(firstRelevant, cited)} of answers that cite ({firstRelevant}/{cited}); {Ratio(firstRelevant, total)} of all questions"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"citation precision: {Ratio(relevantCitations, citations)} ({relevantCitations}/{citations})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"honest-path rate: {Ratio(honest, total)} ({honest}/{total})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"out-of-topic citations (not listed relevant): {outOfTopic} in {answersOutOfTopic} answers;  must-not citations: {mustNot}"));
        return 0;
    }

    /// <summary>What the answerer makes of one question: its weighted words, the FAQ entries found and the answer.</summary>
    public static async Task<int> ProbeAsync(string question, string? topic)
    {
        using var engine = LegalSearchEngine.CreateEmbedded();
        var result = engine.Search(question, 30);
        Console.WriteLine("words: " + string.Join(" ", result.Words.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Text}:{w.Weight:F2}"))));
        foreach (var m in result.Faq)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   faq {m.Entry.Id} score {m.RelativeScore:F2} coverage {m.Coverage:F2} similarity {m.Similarity:F2}"));
        }

        var answer = await new LegalAnswerer(engine).AnswerAsync(question, topic: topic);
        Console.WriteLine("answer: " + answer.Answer);
        foreach (var c in answer.Citations)
        {
            Console.WriteLine($"   {c.LawId} {c.Article}: {c.Quote}");
        }

        return 0;
    }

    private static string Ratio(int part, int whole) =>
        whole == 0 ? "n/a" : ((double)part / whole).ToString("P1", CultureInfo.InvariantCulture);

    internal static (string LawId, int Number) ToKey(RelevantArticle relevant) =>
        (Path.GetFileNameWithoutExtension(relevant.Law),
         ChineseNumber.TryParseArticleLabel(relevant.Article, out var number)
            ? number
            : throw new InvalidDataException($"'{relevant.Article}' is not an article label like 第三十条."));
}
