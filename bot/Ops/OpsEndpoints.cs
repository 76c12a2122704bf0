namespace CitizenBot.Bot.Ops;

internal static class OpsEndpoints
{
    public static IEndpointRouteBuilder MapOpsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz");
        return endpoints;
    }
}
