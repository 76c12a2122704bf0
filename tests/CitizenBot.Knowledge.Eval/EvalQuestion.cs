using System.Text.Json.Serialization;

namespace CitizenBot.Knowledge.Eval;

/// <summary>One line of a JSONL set such as legal-dev.jsonl.</summary>
internal sealed record EvalQuestion(
    [property: JsonPropertyName("q")] string Question,
    [property: JsonPropertyName("relevant")] IReadOnlyList<RelevantArticle> Relevant,
    [property: JsonPropertyName("topic")] string? Topic);

/// <summary>A relevant article: the law's file name (with or without .md) and the label (第三十条).</summary>
internal sealed record RelevantArticle(
    [property: JsonPropertyName("law")] string Law,
    [property: JsonPropertyName("article")] string Article);

[JsonSerializable(typeof(EvalQuestion))]
internal sealed partial class EvalJsonContext : JsonSerializerContext;
