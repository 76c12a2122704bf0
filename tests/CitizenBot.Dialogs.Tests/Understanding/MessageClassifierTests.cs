using CitizenBot.Dialogs.Understanding;

namespace CitizenBot.Dialogs.Tests.Understanding;

/// <summary>The classifier answers a short message it has seen before from memory, with exactly what the models say.</summary>
public sealed class MessageClassifierTests
{
    // Buttons and short replies, pairs that differ by one word, and one message too long to be kept.
    private static readonly string[] Messages =
    [
        "事件上报", "是", "不是", "跳过", "不跳过", "匿名上报", "市容环境", "着火了", "没着火", "你好",
        "小区门口的垃圾桶满了好几天没人清运，气味很大",
    ];

    [Fact]
    public void Classify_MessagesAskedAgain_SameAnswerAsFreshModels()
    {
        var classifier = ModelCard.LoadEmbedded();
        var fresh = ModelCard.LoadEmbedded();
        var first = Messages.Select(m => classifier.Classify(m)).ToList();

        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < Messages.Length; i++)
            {
                var again = classifier.Classify(Messages[i]);
                var expected = fresh.Classify(Messages[i]);
                Assert.Equal(expected.Routes, again.Routes);
                Assert.Equal(expected.EmergencyProbability, again.EmergencyProbability);
                Assert.Equal(expected.EmergencyKind, again.EmergencyKind);
                Assert.Equal(first[i].Routes, again.Routes);
            }
        }
    }

    [Fact]
    public void Classify_EmptyOrBlank_NothingUnderstoodEvenWhenAskedAgain()
    {
        var classifier = ModelCard.LoadEmbedded();

        Assert.Same(MessageUnderstanding.Empty, classifier.Classify(null));
        Assert.Same(MessageUnderstanding.Empty, classifier.Classify(string.Empty));
        Assert.Same(MessageUnderstanding.Empty, classifier.Classify("   "));
        Assert.Same(MessageUnderstanding.Empty, classifier.Classify("   "));
    }
}
