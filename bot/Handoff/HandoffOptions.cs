using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Bot.Handoff;

/// <summary>How "人工" reaches a person on each channel (<c>Handoff</c> section).</summary>
public sealed class HandoffOptions
{
    public const string SectionName = "Handoff";

    /// <summary>
    /// WeChat: hand the conversation to the account's customer-service desk (<c>transfer_customer_service</c>). Turn it
    /// off when the account has no agents, or the citizen would wait for nobody. <value>Default true.</value>
    /// </summary>
    public bool WeChatTransfer { get; set; } = true;

    /// <summary>Web (Direct Line): offer a call-back ticket (求助) before the hotline. <value>Default true.</value></summary>
    public bool WebCallback { get; set; } = true;

    /// <summary>
    /// The taxonomy category of call-back tickets. <value>Default <c>99-99</c> (其他): a category of its own would show
    /// up in every citizen's report menu, and the shipped codes are samples anyway (bot/Tickets/taxonomy.zh-CN.json).</value>
    /// </summary>
    [Required]
    public string CallbackCategoryCode { get; set; } = "99-99";

    /// <summary>How many of the latest user and bot lines go into the call-back ticket. <value>Default 20.</value></summary>
    [Range(1, 200)]
    public int TranscriptLines { get; set; } = 20;

    /// <summary>The most characters of conversation in the ticket; older lines go first. <value>Default 1500.</value></summary>
    [Range(100, 3500)]
    public int TranscriptMaxLength { get; set; } = 1500;
}
