using CitizenBot.Knowledge.Llm;
using Microsoft.AspNetCore.Http;

namespace CitizenBot.Knowledge.Tests.Llm;

/// <summary>The language model as the second judge of a message: labels only from the lists, and silence on any failure.</summary>
public sealed class LlmMessageJudgeTests : IAsyncLifetime
{
    private static readonly string[] Intents = ["report", "legal", "human"];
    private static readonly string[] Kinds = ["fire", "drowning"];

    private FakeChatServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Judge_ModelAnswersWithLabelsFromTheLists_ReturnsThem()
    {
        Answer("好的：{\"intent\": \"legal\", \"emergency\": \"fire\"}");

        var verdict = await CreateJudge().JudgeAsync("楼下有股焦糊味，电表箱在冒火花", Intents, Kinds, CancellationToken.None);

        Assert.Equal(("legal", "fire"), verdict);
        Assert.Contains("电表箱在冒火花", Assert.Single(_server.Requests), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"intent\": \"weather\", \"emergency\": \"none\"}")]
    [InlineData("{\"intent\": 3, \"emergency\": [\"fire\"]}")]
    public async Task Judge_LabelsOutsideTheLists_NoLabel(string reply)
    {
        Answer(reply);

        var verdict = await CreateJudge().JudgeAsync("今天天气怎么样", Intents, Kinds, CancellationToken.None);

        Assert.Equal(((string?)null, (string?)null), verdict);
    }

    [Theory]
    [InlineData("我觉得这是法律咨询")]
    [InlineData("{\"intent\": \"legal\"")]
    public async Task Judge_NoJsonObject_NoAnswer(string reply)
    {
        Answer(reply);

        Assert.Null(await CreateJudge().JudgeAsync("邻居占了楼道", Intents, Kinds, CancellationToken.None));
    }

    [Fact]
    public async Task Judge_ServerFails_NoAnswer()
    {
        _server.Reply = context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        };

        Assert.Null(await CreateJudge().JudgeAsync("邻居占了楼道", Intents, Kinds, CancellationToken.None));
    }

    [Fact]
    public async Task Judge_ModelSlowerThanTheTimeout_NoAnswer()
    {
        _server.Reply = async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            await context.Response.WriteAsync(FakeChatServer.Completion("{\"intent\": \"legal\"}"), context.RequestAborted);
        };

        var verdict = await CreateJudge(TimeSpan.FromMilliseconds(200)).JudgeAsync("邻居占了楼道", Intents, Kinds, CancellationToken.None);

        Assert.Null(verdict);
    }

    [Fact]
    public void Create_NoEndpointConfigured_NoJudge()
    {
        Assert.Null(LlmMessageJudge.Create(new LlmOptions()));
    }

    private void Answer(string content) =>
        _server.Reply = context => context.Response.WriteAsync(FakeChatServer.Completion(content));

    private LlmMessageJudge CreateJudge(TimeSpan? timeout = null) =>
        LlmMessageJudge.Create(new LlmOptions
        {
            Endpoint = _server.BaseAddress,
            Model = "fake",
            UnderstandingTimeout = timeout ?? TimeSpan.FromSeconds(10),
        })!;
}
