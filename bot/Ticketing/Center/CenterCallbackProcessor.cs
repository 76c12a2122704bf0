using CitizenBot.Bot.Data;
using CitizenBot.Bot.Ticketing.GridWorker;
using CitizenBot.Bot.Hosting;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CitizenBot.Bot.Ticketing.Lifecycle;
using CitizenBot.Dialogs.Report;

namespace CitizenBot.Bot.Ticketing.Center;

internal enum CallbackOutcome
{
    Applied,
    Duplicate,
    UnknownTicket,
    Invalid,
}

/// <summary>
/// Applies one verified center callback: a status-history row, the ticket's status, grid-worker points, and a queued
/// message to the citizen. Idempotent per (ticket, status, at): a redelivery changes nothing.
/// </summary>
internal sealed partial class CenterCallbackProcessor(
    IDbContextFactory<CitizenBotDbContext> databases,
    GridWorkerRegistry gridWorkers,
    JobHandOff jobs,
    IOptions<CenterOptions> options,
    TimeProvider time,
    ILogger<CenterCallbackProcessor> logger)
{
    public async Task<CallbackOutcome> ApplyAsync(CenterCallback callback, CancellationToken cancellationToken)
    {
        // A status dated ahead of our clock (beyond the skew the signature allows) would outrank every later one and
        // freeze the ticket's status for good (the ticket shows the newest status).
        if (string.IsNullOrWhiteSpace(callback.TicketId) || !TicketStatuses.FromCenter.Contains(callback.Status)
            || callback.At > time.GetUtcNow() + options.Value.SignatureWindow)
        {
            return CallbackOutcome.Invalid;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var ticket = await db.Tickets.SingleOrDefaultAsync(t => t.Id == callback.TicketId, cancellationToken).ConfigureAwait(false);
        if (ticket is null)
        {
            return CallbackOutcome.UnknownTicket;
        }

        var at = callback.At;
        if (await db.CenterCallbacks.AnyAsync(c => c.TicketId == ticket.Id && c.Status == callback.Status && c.At == at, cancellationToken).ConfigureAwait(false))
        {
            return CallbackOutcome.Duplicate;
        }

        var newest = await db.CenterCallbacks.Where(c => c.TicketId == ticket.Id).MaxAsync(c => (DateTimeOffset?)c.At, cancellationToken).ConfigureAwait(false);
        var record = new CenterCallbackRecord
        {
            TicketId = ticket.Id,
            Status = callback.Status,
            At = at,
            Note = Cap(callback.Note, 1000),
            Unit = Cap(callback.Unit, 100),
            HighValue = callback.HighValue == true,
            ReceivedAt = time.GetUtcNow(),
        };
        db.CenterCallbacks.Add(record);
        var status = TicketStatuses.ToTyped(callback.Status);
        db.History.Add(new TicketHistoryRecord { TicketId = ticket.Id, Status = status, Note = record.Note, Unit = record.Unit, Actor = Actor.Center, At = at });
        if (newest is null || at >= newest)
        {
            // Callbacks may arrive out of order; the ticket shows the newest one.
            ticket.Status = status;
        }

        ticket.UpdatedAt = time.GetUtcNow();
        if (status == TicketStatus.Accepted)
        {
            await gridWorkers.AwardAsync(db, ticket, GridWorkerRegistry.AcceptedReason, cancellationToken).ConfigureAwait(false);
        }

        if (callback.HighValue == true)
        {
            ticket.HighValue = true;
            await gridWorkers.AwardAsync(db, ticket, GridWorkerRegistry.HighValueReason, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // The same callback raced in on another request and won the unique index.
            return CallbackOutcome.Duplicate;
        }

        LogApplied(logger, ticket.Number, callback.Status);
        var callbackId = record.Id;
        // Off the request's thread: many callbacks at once must not block the thread pool on Hangfire's round trips.
        jobs.Create(client => client.Enqueue<CitizenNotificationJob>(job => job.NotifyAsync(callbackId, CancellationToken.None)), "the next start (callbacks not yet told are queued then)");
        return CallbackOutcome.Applied;
    }

    private static string? Cap(string? value, int length) => value is null || value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Information, Message = "Center callback applied to ticket {Number}: {Status}")]
    private static partial void LogApplied(ILogger logger, string number, string status);
}
