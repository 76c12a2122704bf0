using System.Text.Json.Serialization;

namespace CitizenBot.Knowledge.Eval;

/// <summary>One line of a JSONL set such as legal-dev.jsonl or answers-dev.jsonl.</summary>
/// <param name="Question">The citizen's question.</param>
/// <param name="Relevant">Articles that answer it; a citation of any of them is relevant.</param>
/// <param name="Topic">The question's legal topic code (as the understanding model gives it).</param>
/// <param name="MustNot">Articles that must not be cited (plausible by their words, wrong for the question).</param>
/// <param name="Previous">The question before, when this one is a follow-up.</param>
internal sealed record EvalQuestion(
    [property: JsonPropertyName("q")] string Question,
    [property: JsonPropertyName("relevant")] IReadOnlyList<RelevantArticle> Relevant,
    [property: JsonPropertyName("topic")] string? Topic,
    [property: JsonPropertyName("mustNot")] IReadOnlyList<RelevantArticle>? MustNot = null,
    [property: JsonPropertyName("previous")] string? Previous = null);

/// <summary>A relevant article: the law's file name (with or without .md) and the label (第三十条).</summary>
internal sealed record RelevantArticle(
    [property: JsonPropertyName("law")] string Law,
    [property: JsonPropertyName("article")] string Article);

[JsonSerializable(typeof(EvalQuestion))]
internal sealed partial class EvalJsonContext : JsonSerializerContext;
