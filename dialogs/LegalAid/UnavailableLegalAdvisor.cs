using System.Globalization;
using CitizenBot.Dialogs.Resources;
using Microsoft.Extensions.Options;

namespace CitizenBot.Dialogs.LegalAid;

/// <summary>The advisor when the bot registered none (e.g. the knowledge base is not deployed): points to 12348.</summary>
internal sealed class UnavailableLegalAdvisor(IOptions<LegalAidOptions> options) : ILegalAdvisor
{
    public Task<LegalAdvice> AdviseAsync(string question, string? previousQuestion, string? topic, CancellationToken cancellationToken) =>
        Task.FromResult(new LegalAdvice(
            string.Format(CultureInfo.CurrentCulture, Texts.LegalAidUnavailable, options.Value.LegalHotline), [], [], Texts.LegalAidDisclaimer, Found: false));
}
