namespace CitizenBot.Knowledge.Search;

/// <summary>Field names of the two in-memory indexes (articles and FAQ).</summary>
internal static class IndexFields
{
    /// <summary>Position of the article or FAQ entry in its list; stored, not searched.</summary>
    public const string Ordinal = "ord";

    public const string Title = "title";
    public const string Chapter = "chapter";
    public const string Body = "body";

    /// <summary>Body as CJK bigrams: matches words the SmartCn segmenter cuts differently in a question and a statute.</summary>
    public const string BodyBigrams = "body_cjk";

    public const string Questions = "questions";
    public const string Answer = "answer";
    public const string QuestionBigrams = "questions_cjk";
}
