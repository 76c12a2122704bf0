using CitizenBot.Bot.Scale;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace CitizenBot.Bot.Ops;

internal static class OpsEndpoints
{
    public static IEndpointRouteBuilder MapOpsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Liveness: the process serves requests. A load balancer that restarts on this must not depend on Redis.
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        // Readiness: the database (and Redis when scaled out) answers; send traffic only while this is 200.
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadinessCheck.Tag) });
        return endpoints;
    }
}
