using System.Globalization;
using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Bot.Data;
using CitizenBot.Channels.Privacy;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Status;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CitizenBot.Bot.Ticketing.Lifecycle;

namespace CitizenBot.Bot.Ticketing.Tickets;

/// <summary>
/// Every <see cref="TicketingOptions.OverdueCheckInterval"/>, tells the citizen of each ticket that passed its answer
/// time (答复时限) without being answered, once, with a 催办 button. Each ticket is claimed by a conditional update
/// first, so when several instances look at once only one of them tells.
/// </summary>
internal sealed partial class OverdueWatch(
    IDbContextFactory<CitizenBotDbContext> databases,
    ICitizenNotifier notifier,
    IOptions<TicketingOptions> options,
    TimeProvider time,
    ILogger<OverdueWatch> logger) : BackgroundService
{
    /// <summary>Most tickets one look tells; the rest wait for the next.</summary>
    private const int MaxPerCheck = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.OverdueCheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await CheckAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or TimeoutException or System.Data.Common.DbException)
            {
                // The database is away for a moment; the next tick tries again.
                LogCheckFailed(logger, e.GetType().Name);
            }
        }
    }

    /// <returns>How many citizens were told.</returns>
    internal async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var finished = TicketStatuses.Finished.ToList();
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var due = await db.Tickets.AsNoTracking()
            .Where(t => t.OverdueNotifiedAt == null && t.DueAt != null && t.DueAt < now && !finished.Contains(t.Status) && t.ReporterUserId != string.Empty)
            .OrderBy(t => t.DueAt)
            .Select(t => new { t.Id, t.Number, t.ChannelId, t.ReporterUserId, t.DueAt })
            .Take(MaxPerCheck)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var told = 0;
        foreach (var ticket in due)
        {
            var claimed = await db.Tickets.Where(t => t.Id == ticket.Id && t.OverdueNotifiedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.OverdueNotifiedAt, now), cancellationToken).ConfigureAwait(false);
            if (claimed == 0)
            {
                continue;
            }

            db.History.Add(new TicketHistoryRecord { TicketId = ticket.Id, Status = TicketStatus.Overdue, Actor = Actor.Bot, At = now });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            var urge = TicketCommand.For(TicketAction.Urge, ticket.Number);
            var text = string.Format(CultureInfo.CurrentCulture, Texts.OverdueNotice, ticket.Number, TicketDisplay.DueLine(ticket.DueAt!.Value), urge);
            if (!await notifier.NotifyAsync(ticket.ChannelId, ticket.ReporterUserId, text, [urge], cancellationToken).ConfigureAwait(false))
            {
                LogUnreachable(logger, ticket.Number, PersonalData.MaskUserId(ticket.ReporterUserId));
            }

            told++;
        }

        return told;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Overdue check failed with {Error}; retrying at the next tick")]
    private static partial void LogCheckFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the reporter {User} that ticket {Number} is overdue; it shows in 我的上报")]
    private static partial void LogUnreachable(ILogger logger, string number, string user);
}
