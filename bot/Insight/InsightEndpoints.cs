using System.Globalization;
using System.Text;
using CitizenBot.Bot.Ticketing.Geo;
using CitizenBot.Bot.Hosting;
using CsvHelper;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Insight;

/// <summary>
/// The staff console (研判): the page at <c>/ops/console</c> and its read-only data under <c>/ops/insight/</c>, JSON or
/// (<c>?format=csv</c>) CSV. Same protection as <c>/ops/jobs</c> (<c>Ops:User</c>/<c>Ops:Password</c>, else loopback).
/// </summary>
internal static class InsightEndpoints
{
    private const int ListLimit = 500;
    private const int MaxListLimit = 50_000;

    public static IEndpointRouteBuilder MapInsightEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var ops = endpoints.MapGroup("/ops").AddEndpointFilter(RequireOps).ExcludeFromDescription();
        ops.MapGet("/console", () => ConsoleFile("console.html", "text/html; charset=utf-8"));
        ops.MapGet("/console/console.js", () => ConsoleFile("console.js", "text/javascript; charset=utf-8"));
        ops.MapGet("/console/console.css", () => ConsoleFile("console.css", "text/css; charset=utf-8"));
        ops.MapGet("/console/grids.geojson", GridsAsync);

        var api = ops.MapGroup("/insight");
        api.MapGet("/categories", (InsightQueries queries) => TypedResults.Ok(queries.CategoryList()));
        api.MapGet("/tickets", TicketsAsync);
        api.MapGet("/heat", HeatAsync);
        api.MapGet("/hotspots", HotspotsAsync);
        api.MapGet("/overdue", OverdueAsync);
        api.MapGet("/trends", TrendsAsync);
        api.MapGet("/mediation", MediationAsync);
        api.MapGet("/digest", DigestAsync);
        return endpoints;
    }

    private static async ValueTask<object?> RequireOps(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var authorization = http.RequestServices.GetRequiredService<DashboardAuthorization>();
        var storage = http.RequestServices.GetRequiredService<JobStorage>();
        if (authorization.Authorize(new AspNetCoreDashboardContext(storage, new DashboardOptions(), http)))
        {
            http.Response.Headers.CacheControl = "no-store";
            return await next(context).ConfigureAwait(false);
        }

        return http.Response.Headers.WWWAuthenticate.Count > 0 ? TypedResults.Unauthorized() : TypedResults.StatusCode(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> TicketsAsync(HttpContext http, InsightQueries queries, int? limit, CancellationToken cancellationToken)
    {
        if (Filter(http, queries) is not { } filter)
        {
            return BadFilter(http, queries);
        }

        if (IsCsv(http))
        {
            await WriteCsvAsync(http, "工单", ["工单编号", "类别代码", "类别", "状态", "渠道", "上报人身份", "紧急程度", "网格编号", "网格", "社区", "纬度", "经度", "上报时间", "应答复时间", "高价值"],
                queries.AllTicketsAsync(filter, cancellationToken), TicketFields, cancellationToken).ConfigureAwait(false);
            return TypedResults.Empty;
        }

        if (limit is < 1 or > MaxListLimit)
        {
            return TypedResults.Problem($"limit 应在 1 到 {MaxListLimit} 之间", statusCode: StatusCodes.Status400BadRequest);
        }

        return TypedResults.Ok(await queries.TicketsAsync(filter, limit ?? ListLimit, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> HeatAsync(HttpContext http, InsightQueries queries, CancellationToken cancellationToken)
    {
        if (Filter(http, queries) is not { } filter)
        {
            return BadFilter(http, queries);
        }

        var heat = await queries.HeatAsync(filter, cancellationToken).ConfigureAwait(false);
        if (IsCsv(http))
        {
            await WriteCsvAsync(http, "网格热力", ["网格编号", "网格", "件数"], heat.ByGrid.ToAsyncEnumerable(), g => [g.Key, g.Name, g.Count], cancellationToken).ConfigureAwait(false);
            return TypedResults.Empty;
        }

        return TypedResults.Ok(heat);
    }

    private static async Task<IResult> HotspotsAsync(HttpContext http, InsightQueries queries, CancellationToken cancellationToken)
    {
        if (Filter(http, queries) is not { } filter)
        {
            return BadFilter(http, queries);
        }

        var hotspots = await queries.HotspotsAsync(filter, ListLimit, cancellationToken).ConfigureAwait(false);
        if (IsCsv(http))
        {
            var rows = hotspots.SelectMany(h => h.Tickets.Select(t => (Hotspot: h, Ticket: t))).ToAsyncEnumerable();
            await WriteCsvAsync(http, "热点", ["热点编号", "类别", "网格", "形成时间", "件数", "工单编号", "工单状态", "上报时间"], rows,
                r => [r.Hotspot.Id, r.Hotspot.CategoryName, r.Hotspot.GridName, Local(r.Hotspot.FormedAt), r.Hotspot.TicketCount, r.Ticket.Number, r.Ticket.Status, Local(r.Ticket.CreatedAt)],
                cancellationToken).ConfigureAwait(false);
            return TypedResults.Empty;
        }

        return TypedResults.Ok(hotspots);
    }

    private static async Task<IResult> OverdueAsync(HttpContext http, InsightQueries queries, CancellationToken cancellationToken)
    {
        if (Filter(http, queries) is not { } filter)
        {
            return BadFilter(http, queries);
        }

        var rows = await queries.OverdueAsync(filter, queries.Now, IsCsv(http) ? int.MaxValue : ListLimit, cancellationToken).ConfigureAwait(false);
        if (IsCsv(http))
        {
            await WriteCsvAsync(http, "超期临期", ["工单编号", "类别", "状态", "网格", "上报时间", "应答复时间", "超期", "超出小时"], rows.ToAsyncEnumerable(),
                r => [r.Ticket.Number, r.Ticket.CategoryName, r.Ticket.Status, r.Ticket.GridName, Local(r.Ticket.CreatedAt), Local(r.Ticket.DueAt), r.Overdue ? "超期" : "临期", r.HoursLate],
                cancellationToken).ConfigureAwait(false);
            return TypedResults.Empty;
        }

        return TypedResults.Ok(rows);
    }

    private static async Task<IResult> TrendsAsync(HttpContext http, InsightQueries queries, CancellationToken cancellationToken)
    {
        if (Filter(http, queries) is not { } filter)
        {
            return BadFilter(http, queries);
        }

        var trends = await queries.TrendsAsync(filter, cancellationToken).ConfigureAwait(false);
        if (IsCsv(http))
        {
            await WriteCsvAsync(http, "趋势", ["日期", "类别代码", "类别", "件数"], trends.PerDay.ToAsyncEnumerable(),
                d => [d.Day, d.CategoryCode, queries.CategoryName(d.CategoryCode), d.Count], cancellationToken).ConfigureAwait(false);
            return TypedResults.Empty;
        }

        return TypedResults.Ok(trends);
    }

    private static async Task<IResult> MediationAsync(HttpContext http, InsightQueries queries, CancellationToken cancellationToken)
    {
        if (Filter(http, queries) is not { } filter)
        {
            return BadFilter(http, queries);
        }

        var mediation = await queries.MediationAsync(filter, cancellationToken).ConfigureAwait(false);
        if (IsCsv(http))
        {
            await WriteCsvAsync(http, "调解", ["调解组织", "周（周一）", "预约数"], mediation.PerBodyAndWeek.ToAsyncEnumerable(),
                w => [w.BodyName, w.Week, w.Bookings], cancellationToken).ConfigureAwait(false);
            return TypedResults.Empty;
        }

        return TypedResults.Ok(mediation);
    }

    /// <summary>The digest of <c>day</c> (default yesterday), built now from the database; <c>format=md</c> downloads it as Markdown.</summary>
    private static async Task<IResult> DigestAsync(HttpContext http, string? day, DigestBuilder builder, InsightQueries queries, CancellationToken cancellationToken)
    {
        var date = InsightFilter.DayOf(queries.Now).AddDays(-1);
        if (!string.IsNullOrEmpty(day) && !DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return TypedResults.Problem("日期格式应为 yyyy-MM-dd", statusCode: StatusCodes.Status400BadRequest);
        }

        var report = await builder.BuildAsync(date, cancellationToken).ConfigureAwait(false);
        var markdown = DigestBuilder.Markdown(report);
        if (http.Request.Query["format"] == "md")
        {
            return TypedResults.File(Encoding.UTF8.GetBytes(markdown), "text/markdown; charset=utf-8", $"研判日报-{report.Day}.md");
        }

        return TypedResults.Ok(new { report, markdown });
    }

    private static async Task<IResult> GridsAsync(IOptions<GeoOptions> options, CancellationToken cancellationToken)
    {
        var path = options.Value.GridMapPath;
        var bytes = string.IsNullOrWhiteSpace(path)
            ? await ReadResourceAsync(GridMap.EmbeddedSample, cancellationToken).ConfigureAwait(false)
            : await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return TypedResults.Bytes(bytes, "application/geo+json");
    }

    private static IResult ConsoleFile(string name, string contentType)
    {
        using var stream = typeof(InsightEndpoints).Assembly.GetManifestResourceStream($"CitizenBot.Bot.Insight.Console.{name}")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return TypedResults.Bytes(copy.ToArray(), contentType);
    }

    private static async Task<byte[]> ReadResourceAsync(string name, CancellationToken cancellationToken)
    {
        await using var stream = typeof(InsightEndpoints).Assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        return copy.ToArray();
    }

    private static InsightFilter? Filter(HttpContext http, InsightQueries queries) => InsightFilter.Parse(http.Request.Query, queries.Now).Filter;

    private static ProblemHttpResult BadFilter(HttpContext http, InsightQueries queries) =>
        TypedResults.Problem(InsightFilter.Parse(http.Request.Query, queries.Now).Error, statusCode: StatusCodes.Status400BadRequest);

    private static bool IsCsv(HttpContext http) => http.Request.Query["format"] == "csv";

    private static object?[] TicketFields(TicketRow t) =>
    [
        t.Number, t.CategoryCode, t.CategoryName, t.Status, t.Channel, t.Role, t.Urgency, t.GridId, t.GridName, t.Community,
        t.Lat, t.Lng, Local(t.CreatedAt), Local(t.DueAt), t.HighValue ? "是" : "",
    ];

    private static string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Mediation.MediationCalendar.China).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>UTF-8 with a byte-order mark, so Excel opens the Chinese headers as they are; streamed row by row.</summary>
    private static async Task WriteCsvAsync<T>(HttpContext http, string name, string[] headers, IAsyncEnumerable<T> rows, Func<T, object?[]> fields, CancellationToken cancellationToken)
    {
        var fileName = $"{name}.csv";
        // The writers below flush through synchronous writes now and then; Kestrel refuses those unless allowed.
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>() is { } body)
        {
            body.AllowSynchronousIO = true;
        }

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"export.csv\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var header in headers)
        {
            csv.WriteField(header);
        }

        await csv.NextRecordAsync().ConfigureAwait(false);
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var field in fields(row))
            {
                csv.WriteField(field switch
                {
                    null => "",
                    double d => d.ToString("0.######", CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => field.ToString(),
                });
            }

            await csv.NextRecordAsync().ConfigureAwait(false);
        }
    }
}
