using BenchmarkDotNet.Attributes;
using CitizenBot.Dialogs.Understanding;

namespace CitizenBot.Bench;

/// <summary>
/// Understanding one message: the route and safety models (ML.NET, SmartCn words, character n-grams) on a two-word
/// message, an everyday report and a long story (cut at 400 characters); and loading the shipped models, as the bot
/// does once at start. <see cref="Classify"/> is the call the bot makes (short messages come from the classifier's cache
/// after their first time), <see cref="Predict"/> the models alone.
/// </summary>
[MemoryDiagnoser]
public class UnderstandingBenchmarks
{
    private MessageClassifier _classifier = null!;

    [Params("路灯!!", "电动车把楼梯口都塞满了，物业也不管，麻烦你们来看看", "Long")]
    public string Message { get; set; } = string.Empty;

    private string Text => Message == "Long"
        ? string.Concat(Enumerable.Repeat("我们小区三栋二单元楼下的消防通道一直被几辆私家车堵着，物业说管不了，上次有救护车都进不来，", 10))
        : Message;

    [GlobalSetup]
    public void Setup() => _classifier = ModelCard.LoadEmbedded();

    [Benchmark]
    public MessageUnderstanding Classify() => _classifier.Classify(Text);

    [Benchmark]
    public MessageUnderstanding Predict() => _classifier.Predict(Text);

    [Benchmark]
    public MessageClassifier LoadModels() => ModelCard.LoadEmbedded();
}
