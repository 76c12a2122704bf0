using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace CitizenBot.Bot.Tests.Security;

/// <summary>
/// Every place the bot keeps something, and how 删除我的信息 reaches it. A new store (a registered type of ours whose
/// name says it keeps things) fails this test until it is listed here with the way erasure covers it: that is the
/// moment to make erasure cover it.
/// </summary>
[Trait("Category", "Security")]
public sealed partial class ErasureCoverageTests
{
    private static readonly Dictionary<string, string> Covered = new(StringComparer.Ordinal)
    {
        // The citizen's words and files, erased by PersonalDataDesk.EraseAsync.
        ["CitizenBotDbContext"] = "tickets, supplements, bookings anonymised; 催办 and 关注 rows lose who made them, 撤回 and 重办 reasons go once the center has them; grid worker and unsent photo rows deleted",
        ["PostgresCitizenBotDbContext"] = "the same model on PostgreSQL",
        ["PhotoFolder"] = "unsent photos deleted; photos of tickets stay with the anonymised ticket (the center has them)",
        ["InMemoryDirectLineConversationStore"] = "IChannelConversationEraser (Direct Line): log emptied, conversation marked erased, its tokens refused",
        ["RedisDirectLineConversationStore"] = "the same in Redis: log and client-id keys deleted, conversation marked erased",
        ["DirectLineUploadFolder"] = "IChannelConversationEraser (Direct Line): the conversation's folder deleted",
        ["SqliteConversationStateStore"] = "the turn empties the dialog state; PrivacyJobs.ForgetConversationAsync deletes it (and the turn ledger kept with it) after the turn",
        ["RedisConversationStateStore"] = "the same in Redis",
        ["SqliteConversationReferenceStore"] = "deleted at once and again by PrivacyJobs.ForgetConversationAsync (ids and addresses only)",
        ["RedisConversationReferenceStore"] = "the same in Redis",

        // Short-lived ledgers, not erased but gone on their own within minutes.
        ["InMemoryWeChatDeliveryLedger"] = "the running turn of a WeChat delivery, for WeChat's retries: forgotten after its dedup lifetime",

        // Nothing the citizen said or sent.
        ["PendingErasures"] = "who unfollowed and when, so that they are erased after the grace period",
        ["InMemoryWeChatReplayGuard"] = "signature timestamps and nonces",
        ["RedisWeChatReplayGuard"] = "the same in Redis",
        ["InMemoryWeChatCustomerServiceQuota"] = "message counts per openid for 48 hours",
        ["RedisWeChatCustomerServiceQuota"] = "the same in Redis",
        ["InMemoryWeChatAccessTokenCache"] = "the Official Account's access token",
        ["RedisWeChatAccessTokenCache"] = "the same in Redis",
        ["AbuseGuard"] = "keeps message times in the conversation state (covered with the state)",
        ["InsightFolder"] = "the daily digests for staff: counts per category, grid and unit, never a citizen's name, phone, openid or words (ConsolePrivacyTests)",
    };

    [Fact]
    public void EveryStore_IsCoveredByErasureOrHoldsNoCitizenData()
    {
        var found = StoresOf(new Dictionary<string, string?>())
            .Concat(StoresOf(new Dictionary<string, string?>
            {
                // Scaled out the Redis stores take their place (never connected here: the list is all this needs).
                ["Storage:Redis"] = "127.0.0.1:1,abortConnect=false",
                ["Storage:Postgres"] = "Host=127.0.0.1;Port=1;Database=none",
            }))
            .ToHashSet(StringComparer.Ordinal);

        var unlisted = found.Except(Covered.Keys).Order(StringComparer.Ordinal).ToList();
        Assert.True(unlisted.Count == 0, "Stores that erasure does not know about: " + string.Join(", ", unlisted));
    }

    /// <summary>The bot's registrations as <c>Program</c> composes them (nothing is started or connected).</summary>
    private static IEnumerable<string> StoresOf(Dictionary<string, string?> settings)
    {
        var data = Directory.CreateTempSubdirectory("citizenbot-stores-").FullName;
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["Storage:DataDirectory"] = data });
        builder.AddCitizenBot();
        return builder.Services
            .Select(d => d.ImplementationType ?? d.ImplementationInstance?.GetType() ?? d.ServiceType)
            .Where(t => t.Assembly.GetName().Name!.StartsWith("CitizenBot", StringComparison.Ordinal) && KeepsThings().IsMatch(t.Name))
            .Select(t => t.Name)
            .Distinct();
    }

    [GeneratedRegex("(Store|Folder|Deduplicator|Ledger|Guard|Quota|Cache|Erasures|Memory|Log|Transcript|Context|Storage)$", RegexOptions.CultureInvariant)]
    private static partial Regex KeepsThings();
}
