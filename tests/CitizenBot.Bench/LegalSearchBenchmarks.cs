using BenchmarkDotNet.Attributes;
using CitizenBot.Knowledge.Search;

namespace CitizenBot.Bench;

/// <summary>Search latency over the whole corpus (2 818 articles, FAQ boosting on), by kind of question.</summary>
[MemoryDiagnoser]
public class LegalSearchBenchmarks
{
    private LegalSearchEngine _engine = null!;

    [Params("老板跑路了工资不给怎么办", "过马路被小车撞了，司机说我闯红灯不肯赔", "小区业主想换掉现在的物业公司，要怎么表决")]
    public string Question { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup() => _engine = LegalSearchEngine.CreateEmbedded();

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark]
    public int SearchTop5() => _engine.Search(Question, 5).Hits.Count;

    [Benchmark]
    public int SearchTop5WithContext() => _engine.Search("有时间限制吗", 5, context: Question).Hits.Count;
}

/// <summary>Building the whole knowledge base: load statutes, FAQ and vocabulary, index both.</summary>
[MemoryDiagnoser]
public class LegalIndexBuildBenchmarks
{
    [Benchmark]
    public int BuildIndex()
    {
        using var engine = LegalSearchEngine.CreateEmbedded();
        return engine.Corpus.Articles.Count;
    }
}
