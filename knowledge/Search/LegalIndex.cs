using CitizenBot.Knowledge.Corpus;
using CitizenBot.Knowledge.Faq;
using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace CitizenBot.Knowledge.Search;

/// <summary>Two in-memory BM25 indexes built at start: statute articles and FAQ entries.</summary>
internal sealed class LegalIndex : IDisposable
{
    private readonly RAMDirectory _articleDirectory = new();
    private readonly RAMDirectory _faqDirectory = new();
    private readonly DirectoryReader _articleReader;
    private readonly DirectoryReader _faqReader;

    public LegalIndex(LegalCorpus corpus, FaqCatalog faq, Analyzer analyzer)
    {
        Write(_articleDirectory, analyzer, corpus.Articles.Select((a, i) => ArticleDocument(a, i)));
        Write(_faqDirectory, analyzer, faq.Entries.Select((e, i) => FaqDocument(e, i)));
        _articleReader = DirectoryReader.Open(_articleDirectory);
        _faqReader = DirectoryReader.Open(_faqDirectory);
        Articles = new IndexSearcher(_articleReader) { Similarity = new BM25Similarity() };
        Faq = new IndexSearcher(_faqReader) { Similarity = new BM25Similarity() };
    }

    public IndexSearcher Articles { get; }

    public IndexSearcher Faq { get; }

    /// <summary>The position in <see cref="LegalCorpus.Articles"/> or <see cref="FaqCatalog.Entries"/> of a hit.</summary>
    public static int OrdinalOf(IndexSearcher searcher, int doc) =>
        searcher.Doc(doc).GetField(IndexFields.Ordinal).GetInt32Value() ?? -1;

    public void Dispose()
    {
        _articleReader.Dispose();
        _faqReader.Dispose();
        _articleDirectory.Dispose();
        _faqDirectory.Dispose();
    }

    private static void Write(RAMDirectory directory, Analyzer analyzer, IEnumerable<Document> documents)
    {
        var config = new IndexWriterConfig(LegalAnalyzers.Version, analyzer) { Similarity = new BM25Similarity() };
        using var writer = new IndexWriter(directory, config);
        writer.AddDocuments(documents);
        writer.Commit();
    }

    private static Document ArticleDocument(LawArticle article, int ordinal) =>
    [
        new StoredField(IndexFields.Ordinal, ordinal),
        new TextField(IndexFields.Title, article.LawTitle, Field.Store.NO),
        new TextField(IndexFields.Chapter, article.Headings, Field.Store.NO),
        new TextField(IndexFields.Body, article.Text, Field.Store.NO),
        new TextField(IndexFields.BodyBigrams, article.Text, Field.Store.NO),
    ];

    private static Document FaqDocument(FaqEntry entry, int ordinal)
    {
        var questions = string.Join('\n', entry.Questions);
        return
        [
            new StoredField(IndexFields.Ordinal, ordinal),
            new TextField(IndexFields.Questions, questions, Field.Store.NO),
            new TextField(IndexFields.Answer, entry.Answer, Field.Store.NO),
            new TextField(IndexFields.QuestionBigrams, questions, Field.Store.NO),
        ];
    }
}
