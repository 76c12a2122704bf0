namespace CitizenBot.Knowledge.Corpus;

/// <summary>A statute: its id (file name), title and articles in order.</summary>
internal sealed record Law(string Id, string Title, IReadOnlyList<LawArticle> Articles);
