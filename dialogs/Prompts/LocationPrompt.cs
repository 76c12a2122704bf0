using System.Globalization;
using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Prompts;

/// <summary>
/// Asks where: a message carrying a <see cref="GeoCoordinates"/> entity (WeChat location, browser geolocation), or a
/// typed address of at least <see cref="MinAddressLength"/> letters or digits.
/// </summary>
internal sealed class LocationPrompt(string id = LocationPrompt.DefaultId, PromptValidator<LocationAnswer>? validator = null)
    : Prompt<LocationAnswer>(id, validator)
{
    public const string DefaultId = nameof(LocationPrompt);

    /// <summary>"人民路25号" is five; "这里", "楼下" are not an address.</summary>
    public const int MinAddressLength = 5;

    /// <summary>"绿城小区", "东门桥": a place word makes a shorter address; "楼下" (2) is still not one.</summary>
    public const int MinPlaceLength = 4;

    public const int MaxAddressLength = 200;

    protected override PromptRecognition<LocationAnswer> Recognize(DialogContext dc, PromptOptions options)
    {
        if (dc.Activity.GetGeoCoordinates() is { } point)
        {
            return PromptRecognition<LocationAnswer>.Success(new LocationAnswer(point, point.Name));
        }

        var key = dc.MatchKey;
        if (key.Length == 0)
        {
            return PromptRecognition<LocationAnswer>.Failure(Texts.RetryLocationMissing);
        }

        if (options.Optional && Vocabulary.Default.Skip.Contains(key))
        {
            return PromptRecognition<LocationAnswer>.Success(LocationAnswer.Skipped);
        }

        var address = dc.Activity.Text!.Trim();
        // "绿城小区" names a place in four: with a place word a shorter address will do.
        var namesAPlace = ChineseText.HoldsAny(key, Vocabulary.Default.Place);
        var minLength = namesAPlace ? MinPlaceLength : MinAddressLength;
        if (key.Length < minLength || !key.Any(char.IsLetter))
        {
            return PromptRecognition<LocationAnswer>.Failure(
                string.Format(CultureInfo.CurrentCulture, Texts.RetryAddressTooShort, MinAddressLength));
        }

        if (!namesAPlace && Questions.IsQuestion(address))
        {
            // "这个要多久能处理", "为什么要地址": asked at the address question, not an address.
            return PromptRecognition<LocationAnswer>.Failure(Texts.RetryAddressIsAQuestion);
        }

        return address.Length > MaxAddressLength
            ? PromptRecognition<LocationAnswer>.Failure(string.Format(CultureInfo.CurrentCulture, Texts.RetryAddressTooLong, MaxAddressLength))
            : PromptRecognition<LocationAnswer>.Success(new LocationAnswer(null, address));
    }

    protected override void SendPrompt(DialogContext dc, PromptOptions options, string? problem)
    {
        if (options.Optional)
        {
            dc.SendText(Join(Question(options, problem), Texts.SkipHint), [Texts.SkipButton]);
        }
        else
        {
            dc.SendText(Question(options, problem), options.Buttons ?? []);
        }
    }

    public override bool AsksForBareAnswer(DialogInstance instance) => true;

    protected override string DefaultHelp(PromptOptions options) => options.Optional ? Join(Texts.HelpLocation, Texts.SkipHint) : Texts.HelpLocation;
}
