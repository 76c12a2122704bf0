using CitizenBot.Bot.Data;
using CitizenBot.Dialogs.Privacy;
using Microsoft.EntityFrameworkCore;

namespace CitizenBot.Bot.Privacy;

/// <summary>
/// Citizens who left (WeChat unsubscribe) and are to be erased when their grace period ends, in the bot's database so
/// a restart loses none. A plain table beside the EF model (created on first use), read by the daily clean-up.
/// </summary>
internal sealed class PendingErasures(IDbContextFactory<CitizenBotDbContext> databases)
{
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS privacy_pending_erasure (
            channel_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            due_at BIGINT NOT NULL,
            PRIMARY KEY (channel_id, user_id)
        )
        """;

    public async Task AddAsync(DataSubject subject, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        await using var db = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlAsync(
            $"DELETE FROM privacy_pending_erasure WHERE channel_id = {subject.ChannelId} AND user_id = {subject.UserId}", cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO privacy_pending_erasure (channel_id, user_id, conversation_id, due_at) VALUES ({subject.ChannelId}, {subject.UserId}, {subject.ConversationId}, {dueAt.ToUnixTimeMilliseconds()})",
            cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        await using var db = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlAsync(
            $"DELETE FROM privacy_pending_erasure WHERE channel_id = {subject.ChannelId} AND user_id = {subject.UserId}", cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DataSubject>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Database
            .SqlQuery<PendingRow>($"SELECT channel_id AS \"ChannelId\", user_id AS \"UserId\", conversation_id AS \"ConversationId\" FROM privacy_pending_erasure WHERE due_at <= {now.ToUnixTimeMilliseconds()}")
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return [.. rows.Select(r => new DataSubject(r.ChannelId, r.UserId, r.ConversationId))];
    }

    private async Task<CitizenBotDbContext> OpenAsync(CancellationToken cancellationToken)
    {
        var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlRawAsync(CreateTable, cancellationToken).ConfigureAwait(false);
        return db;
    }

    private sealed record PendingRow(string ChannelId, string UserId, string ConversationId);
}
