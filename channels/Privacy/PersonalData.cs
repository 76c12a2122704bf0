namespace CitizenBot.Channels.Privacy;

/// <summary>
/// Masks personal data before it reaches a log line (least data in logs). Every project logs identifiers
/// only through these, so a log file never holds a full phone number, ID number or openid.
/// </summary>
public static class PersonalData
{
    /// <summary><c>13812345678</c> → <c>138****5678</c>; anything shorter keeps only its last two characters.</summary>
    public static string MaskPhone(string? phone) => MaskMiddle(phone, keepStart: 3, keepEnd: 4);

    /// <summary>A resident ID number keeps its first 3 and last 2 characters.</summary>
    public static string MaskIdNumber(string? id) => MaskMiddle(id, keepStart: 3, keepEnd: 2);

    /// <summary>An opaque user id (WeChat openid, Direct Line user id) keeps 4 characters at each end.</summary>
    public static string MaskUserId(string? userId) => MaskMiddle(userId, keepStart: 4, keepEnd: 4);

    private static string MaskMiddle(string? value, int keepStart, int keepEnd)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "-";
        }

        if (value.Length <= keepStart + keepEnd)
        {
            return value.Length <= 2 ? new string('*', value.Length) : string.Concat(new string('*', value.Length - 2), value.AsSpan(value.Length - 2));
        }

        return string.Concat(value.AsSpan(0, keepStart), new string('*', value.Length - keepStart - keepEnd), value.AsSpan(value.Length - keepEnd));
    }
}
