using System.Globalization;
using System.Text;

namespace CitizenBot.Channels.DirectLine;

/// <summary>
/// The DL3 <c>ActivitySet</c>, written from the stored JSON of each activity. <c>activities</c> is always an array:
/// without it RxJS 5 kills DirectLineJS's activity stream for the rest of the session.
/// </summary>
internal static class ActivitySet
{
    public static string ToJson(DirectLinePage page)
    {
        var json = new StringBuilder("{\"activities\":[");
        for (var i = 0; i < page.Activities.Count; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(page.Activities[i]);
        }

        return json.Append("],\"watermark\":\"").Append(page.Watermark.ToString(CultureInfo.InvariantCulture)).Append("\"}").ToString();
    }
}
