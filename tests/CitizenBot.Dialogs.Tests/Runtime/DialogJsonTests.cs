using System.Text;
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
        var (state, instance) = OneEntry();

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
        var (state, instance) = OneEntry();

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
    public void State_ChangedAsJsonAfterATypedValueWasKept_ReadAndSaveSeeTheChange()
    {
        var (state, instance) = OneEntry();

        DialogJson.Keep(instance, new Sample("市容环境", 4));
        instance.State["count"] = 9;

        Assert.Equal(new Sample("市容环境", 9), DialogJson.Read<Sample>(instance));
        Assert.Equal(new Sample("市容环境", 9), DialogJson.Read<Sample>(ConversationState.Deserialize(state.Serialize()).Stack.Single()));
    }

    [Fact]
    public void Read_StateOfAnotherShape_ThrowsJsonExceptionAsStale()
    {
        var saved = ConversationState.Deserialize("""{"stack":[{"id":"Report","state":{"text":["not","a","string"]}}]}"""u8);

        Assert.ThrowsAny<JsonException>(() => DialogJson.Read<Sample>(saved.Stack.Single()));
    }

    [Fact]
    public void Save_EntryNoDialogTouchedThisTurn_WrittenBackAsItWasStored()
    {
        const string Stored = """{"stack":[{"id":"Main","version":"Main:3","state":{"text":"市容环境","count":2,"extra":[1,{"a":null}]}},{"id":"Report","state":{"text":"跳过","count":1}}]}""";
        var saved = ConversationState.Deserialize(Encoding.UTF8.GetBytes(Stored));

        DialogJson.Keep(saved.Stack[1], DialogJson.Read<Sample>(saved.Stack[1]) with { Count = 2 });

        Assert.Equal(
            """{"stack":[{"id":"Main","version":"Main:3","state":{"text":"市容环境","count":2,"extra":[1,{"a":null}]}},{"id":"Report","state":{"text":"跳过","count":2}}],"values":{}}""",
            Encoding.UTF8.GetString(saved.Serialize()));
    }

    [Fact]
    public void State_StoredStateChangedAsJson_TheChangeIsSaved()
    {
        var saved = ConversationState.Deserialize("""{"stack":[{"id":"Report","state":{"text":"跳过","count":3}}]}"""u8);

        saved.Stack[0].State["count"] = 7;
        var again = ConversationState.Deserialize(saved.Serialize());

        Assert.Equal(new Sample("跳过", 7), DialogJson.Read<Sample>(again.Stack.Single()));
    }

    [Theory]
    [InlineData("""{"stack":[{"id":"Report","state":[1,2]}]}""")]
    [InlineData("""{"stack":[{"id":"Report","state":"text"}]}""")]
    [InlineData("""{"stack":[{"state":{"text":"跳过","count":3}}]}""")]
    [InlineData("""{"stack":[[]]}""")]
    public void Deserialize_StackEntryOfAnotherShape_ThrowsJsonException(string stored)
    {
        Assert.ThrowsAny<JsonException>(() => ConversationState.Deserialize(Encoding.UTF8.GetBytes(stored)));
    }

    [Fact]
    public void Deserialize_EntryWithoutState_ReadsAsAnEmptyState()
    {
        var saved = ConversationState.Deserialize("""{"stack":[{"id":"Report","version":null,"unknown":{"x":1}}]}"""u8);

        Assert.Equal("Report", saved.Stack.Single().Id);
        Assert.Null(saved.Stack.Single().Version);
        Assert.Empty(saved.Stack.Single().State);
    }

    private static (ConversationState State, DialogInstance Instance) OneEntry()
    {
        var instance = new DialogInstance { Id = "Report" };
        return (new ConversationState { Stack = [instance] }, instance);
    }

    internal sealed record Sample(string Text, int Count);
}
