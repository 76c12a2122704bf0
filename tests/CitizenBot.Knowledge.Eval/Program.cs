using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CitizenBot.Knowledge.Eval;
using CitizenBot.Knowledge.Search;

// Usage: dotnet run --project tests/CitizenBot.Knowledge.Eval -- <questions.jsonl> [--verbose] [--no-faq] [--answers [--no-topic]]
//    or: dotnet run --project tests/CitizenBot.Knowledge.Eval -- probe "<question>" [--topic <code>]  (its weighted words, FAQ matches, answer)
// --no-faq measures the search alone, without the FAQ boosting articles (an ablation).
// Prints recall@1/5/10 and MRR of the legal search, the index build time and per-query latency (p50/p99).
// --answers measures the answers instead (AnswerEvaluation): top-citation accuracy, citation precision, honest-path
// rate and out-of-topic citations; --no-topic answers without the question's topic, as an old caller would.
// --half tune|check keeps every other question (tune: 1st, 3rd, …; check: 2nd, 4th, …): ranking changes are made
// looking at the tune half only, and the check half tells whether they carry over to questions not looked at.
if (args is ["probe", var probed, ..])
{
    var probeTopic = Array.IndexOf(args, "--topic") is var t and >= 0 && t + 1 < args.Length ? args[t + 1] : null;
    return await AnswerEvaluation.ProbeAsync(probed, probeTopic);
}

if (args.Length < 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("Usage: CitizenBot.Knowledge.Eval <questions.jsonl> [--verbose] [--no-faq]  (e.g. tests/CitizenBot.Knowledge.Eval/holdout.jsonl)");
    return 2;
}

var verbose = args.Contains("--verbose");
if (args.Contains("--answers"))
{
    var set = File.ReadLines(args[0])
        .Where(l => !string.IsNullOrWhiteSpace(l))
        .Select(l => JsonSerializer.Deserialize(l, EvalJsonContext.Default.EvalQuestion)!)
        .ToList();
    var half = Array.IndexOf(args, "--half") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    if (half is not null)
    {
        if (half is not ("tune" or "check"))
        {
            Console.Error.WriteLine("--half takes tune or check.");
            return 2;
        }

        set = [.. set.Where((_, i) => (i % 2 == 0) == (half == "tune"))];
    }

    return await AnswerEvaluation.RunAsync(set, withTopic: !args.Contains("--no-topic"), verbose);
}

var faqBoost = args.Contains("--no-faq") ? 0f : LegalSearchEngine.DefaultFaqBoost;
var questions = File.ReadLines(args[0])
    .Where(l => !string.IsNullOrWhiteSpace(l))
    .Select(l => JsonSerializer.Deserialize(l, EvalJsonContext.Default.EvalQuestion)!)
    .ToList();

var buildClock = Stopwatch.StartNew();
using var engine = LegalSearchEngine.CreateEmbedded(faqBoost: faqBoost);
buildClock.Stop();

const int K = 10;
const int LatencyRounds = 5;
double r1 = 0, r5 = 0, r10 = 0, mrr = 0;
var latenciesMs = new List<double>();
foreach (var question in questions)
{
    var relevant = question.Relevant.Select(ToKey).ToHashSet();
    var hits = await engine.SearchAsync(question.Question, K);
    var ranked = hits.Select(h => (h.LawId, h.ArticleNumber)).ToList();
    r1 += RankingMetrics.RecallAt(1, ranked, relevant);
    r5 += RankingMetrics.RecallAt(5, ranked, relevant);
    r10 += RankingMetrics.RecallAt(10, ranked, relevant);
    mrr += RankingMetrics.ReciprocalRank(ranked, relevant);
    if (verbose)
    {
        var rr = RankingMetrics.ReciprocalRank(ranked, relevant);
        Console.WriteLine($"RR={rr:F2} R@5={RankingMetrics.RecallAt(5, ranked, relevant):F2} {question.Question}");
        Console.WriteLine("   top: " + string.Join(" | ", hits.Take(5).Select(h => $"{h.LawId}#{h.ArticleNumber}{(relevant.Contains((h.LawId, h.ArticleNumber)) ? "*" : string.Empty)}")));
    }
}

// Latency: the first pass above warmed the JIT and caches; now time every question a few rounds.
for (var round = 0; round < LatencyRounds; round++)
{
    foreach (var question in questions)
    {
        var clock = Stopwatch.StartNew();
        await engine.SearchAsync(question.Question, K);
        latenciesMs.Add(clock.Elapsed.TotalMilliseconds);
    }
}

var n = questions.Count;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"questions: {n}  articles indexed: {engine.Corpus.Articles.Count}  FAQ boost: {faqBoost}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recall@1: {r1 / n:F3}  recall@5: {r5 / n:F3}  recall@10: {r10 / n:F3}  MRR: {mrr / n:F3}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"index build (load corpus + FAQ + both indexes): {buildClock.Elapsed.TotalMilliseconds:F0} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"query latency over {latenciesMs.Count} searches: p50 {RankingMetrics.Percentile(latenciesMs, 0.50):F2} ms  p99 {RankingMetrics.Percentile(latenciesMs, 0.99):F2} ms"));
return 0;

static (string LawId, int Number) ToKey(RelevantArticle relevant) => AnswerEvaluation.ToKey(relevant);
