using System.Text.Json;
using System.Text.Json.Serialization;

namespace CitizenBot.Channels.Activities;

/// <summary>Activity JSON as botframework-schema writes it: camelCase, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(List<Activity>))]
[JsonSerializable(typeof(ExpectedReplies))]
[JsonSerializable(typeof(ConversationReference))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(double))]
public sealed partial class ActivityJson : JsonSerializerContext
{
    public static ActivityJson Context { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string Serialize(Activity activity) => JsonSerializer.Serialize(activity, Context.Activity);

    public static Activity? Deserialize(string json) => JsonSerializer.Deserialize(json, Context.Activity);
}

/// <summary>The body of an <c>expectReplies</c> answer: the turn's replies.</summary>
public sealed class ExpectedReplies
{
    public List<Activity> Activities { get; set; } = [];
}
