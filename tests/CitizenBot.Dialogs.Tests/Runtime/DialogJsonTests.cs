using System.Text.Json;
using System.Text.Json.Nodes;
using CitizenBot.Dialogs.Runtime;

namespace CitizenBot.Dialogs.Tests.Runtime;

/// <summary>A dialog's typed state is kept through the turn and written to JSON once, when the conversation is saved.</summary>
public sealed class DialogJsonTests
{
    [Fact]
    public void Keep_StateReplacedDuringTheTurn_TheLastValueIsWhatTheSaveWrites()
    {
        var state = new ConversationState();
        var instance = new DialogInstance { Id = "Report" };
        state.Stack.Add(instance);

        DialogJson.Keep(instance, new Sample("市容环境", 1));
        DialogJson.Keep(instance, DialogJson.Read<Sample>(instance) with { Count = 2 });
        var saved = ConversationState.Deserialize(state.Serialize());

        Assert.Equal(new Sample("市容环境", 2), DialogJson.Read<Sample>(saved.Stack.Single()));
    }

    [Fact]
    public void Read_StateSavedByAnEarlierTurn_ReadFromItsJson()
    {
        var saved = ConversationState.Deserialize("""{"stack":[{"id":"Report","state":{"text":"跳过","count":3}}]}"""u8);

        Assert.Equal(new Sample("跳过", 3), DialogJson.Read<Sample>(saved.Stack.Single()));
    }

    [Fact]
    public void State_SetAfterATypedValueWasKept_TheSetJsonIsSaved()
    {
        var state = new ConversationState();
        var instance = new DialogInstance { Id = "Report" };
        state.Stack.Add(instance);

        DialogJson.Keep(instance, new Sample("kept", 1));
        instance.State = new JsonObject { ["text"] = "set", ["count"] = 5 };
        var saved = ConversationState.Deserialize(state.Serialize());

        Assert.Equal(new Sample("set", 5), DialogJson.Read<Sample>(saved.Stack.Single()));
    }

    [Fact]
    public void State_ReadWhileATypedValueIsKept_ShowsThatValue()
    {
        var instance = new DialogInstance { Id = "Report" };

        DialogJson.Keep(instance, new Sample("市容环境", 4));

        Assert.Equal("市容环境", instance.State["text"]!.GetValue<string>());
        Assert.Equal(4, instance.State["count"]!.GetValue<int>());
    }

    [Fact]
    public void Read_StateOfAnotherShape_ThrowsJsonExceptionAsStale()
    {
        var saved = ConversationState.Deserialize("""{"stack":[{"id":"Report","state":{"text":["not","a","string"]}}]}"""u8);

        Assert.ThrowsAny<JsonException>(() => DialogJson.Read<Sample>(saved.Stack.Single()));
    }

    internal sealed record Sample(string Text, int Count);
}
