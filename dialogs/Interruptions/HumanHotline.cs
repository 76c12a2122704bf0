using System.Globalization;
using CitizenBot.Dialogs.Resources;

namespace CitizenBot.Dialogs.Interruptions;

/// <summary>The hotline sentence ("请拨打…热线（…）") from <c>Bot:HumanHotline</c> and <c>Bot:HumanHotlineHours</c>.</summary>
internal static class HumanHotline
{
    /// <summary>The Bot Framework event a channel renders as its own hand-over (WeChat: <c>transfer_customer_service</c>).</summary>
    public const string HandoffEventName = "handoff.initiate";

    public static string Text(DialogsOptions settings)
    {
        var hours = string.IsNullOrWhiteSpace(settings.HumanHotlineHours) ? Texts.HumanHotlineHoursDefault : settings.HumanHotlineHours;
        return string.Format(CultureInfo.CurrentCulture, Texts.HumanHotline, settings.HumanHotline, hours);
    }
}
