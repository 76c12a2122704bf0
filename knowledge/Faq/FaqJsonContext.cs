using System.Text.Json.Serialization;

namespace CitizenBot.Knowledge.Faq;

/// <summary>The shape of <c>faq.json</c>.</summary>
internal sealed record FaqFile(IReadOnlyList<FaqEntry> Entries);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(FaqFile))]
internal sealed partial class FaqJsonContext : JsonSerializerContext;
