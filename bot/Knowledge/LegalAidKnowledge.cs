using CitizenBot.Bot.Understanding;
using CitizenBot.Dialogs.LegalAid;
using CitizenBot.Dialogs.Understanding;
using CitizenBot.Knowledge;
using CitizenBot.Knowledge.Llm;

namespace CitizenBot.Bot.Knowledge;

/// <summary>Composes legal aid: the knowledge base (with the optional language model), the flow's port and the API.</summary>
internal static class LegalAidKnowledge
{
    /// <summary>
    /// Adds the statute search and answers, <see cref="ILegalAdvisor"/> for the LegalAid flow (before or after
    /// <c>AddCitizenBotDialogs</c>), the optional model from section <c>Llm</c> (off unless <c>Llm:Endpoint</c> and
    /// <c>Llm:Model</c> are set) and the API's rate limit from section <c>KnowledgeApi</c>.
    /// </summary>
    public static IServiceCollection AddLegalAidKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
        // Idempotent: a second call (e.g. a test host on top of the bot's own composition) must not add the rate
        // limit policy twice, which ASP.NET Core rejects.
        if (services.Any(d => d.ServiceType == typeof(KnowledgeLegalAdvisor)))
        {
            return services;
        }

        services.AddSingleton<KnowledgeLegalAdvisor>();
        services.AddOptions<LlmOptions>()
            .Bind(configuration.GetSection(LlmOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddLegalKnowledge();
        services.AddSingleton<ILegalAdvisor>(sp => sp.GetRequiredService<KnowledgeLegalAdvisor>());

        // The same model, when configured, is the second judge of messages the understanding models are unsure of.
        services.AddSingleton<ISecondOpinion, LlmSecondOpinion>();
        services.AddKnowledgeApi(configuration);
        return services;
    }
}
