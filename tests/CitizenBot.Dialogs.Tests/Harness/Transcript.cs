using System.Globalization;
using CitizenBot.Channels.Activities;

namespace CitizenBot.Dialogs.Tests.Harness;

/// <summary>
/// A conversation written as data. Lines:
/// <code>
/// # comment
/// &gt; text                      the user says text
/// &gt; [photo] text              an image attachment, with optional text
/// &gt; [file]                    a non-image attachment
/// &gt; [location LAT,LNG name]   a location (GCJ-02) with an optional place name
/// &gt; [join]                    the user joins the conversation (conversationUpdate)
/// [restart]                   the bot process restarts; only the saved state survives
/// &lt; text                      the next reply is exactly text (\n stands for a line break)
/// &lt;~ text                     the next reply contains text
/// &lt;buttons a | b              the last reply's buttons are exactly a, b
/// </code>
/// Every reply of a turn must be expected before the next user line: a reply nobody expected fails the test.
/// </summary>
internal sealed record Transcript(string Name, IReadOnlyList<TranscriptLine> Lines)
{
    public static Transcript Parse(string name, string text)
    {
        var lines = new List<TranscriptLine>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            lines.Add(ParseLine(name, number, line));
        }

        return new Transcript(name, lines);
    }

    private static TranscriptLine ParseLine(string name, int number, string line)
    {
        if (line == "[restart]")
        {
            return new TranscriptLine(number, TranscriptLineKind.Restart, string.Empty);
        }

        if (line.StartsWith("<buttons ", StringComparison.Ordinal))
        {
            return new TranscriptLine(number, TranscriptLineKind.Buttons, line["<buttons ".Length..]);
        }

        if (line.StartsWith("<~ ", StringComparison.Ordinal))
        {
            return new TranscriptLine(number, TranscriptLineKind.ReplyContains, Unescape(line[3..]));
        }

        if (line.StartsWith("< ", StringComparison.Ordinal))
        {
            return new TranscriptLine(number, TranscriptLineKind.Reply, Unescape(line[2..]));
        }

        if (line.StartsWith("> ", StringComparison.Ordinal) || line == ">")
        {
            return new TranscriptLine(number, TranscriptLineKind.User, line.Length > 2 ? line[2..] : string.Empty);
        }

        throw new FormatException($"{name}:{number}: cannot read '{line}'. Lines start with '>', '<', '<~', '<buttons', '#' or are [restart].");
    }

    private static string Unescape(string text) => text.Replace("\\n", "\n", StringComparison.Ordinal);

    /// <summary>The activity a user line stands for.</summary>
    public static Activity ToActivity(string userLine)
    {
        if (userLine == "[join]")
        {
            return TestActivities.Join();
        }

        if (userLine.StartsWith("[photo]", StringComparison.Ordinal))
        {
            return TestActivities.Photo(NullIfEmpty(userLine["[photo]".Length..].Trim()));
        }

        if (userLine.StartsWith("[file]", StringComparison.Ordinal))
        {
            return TestActivities.File(NullIfEmpty(userLine["[file]".Length..].Trim()));
        }

        if (userLine.StartsWith("[location ", StringComparison.Ordinal))
        {
            var body = userLine["[location ".Length..userLine.IndexOf(']', StringComparison.Ordinal)];
            var parts = body.Split(' ', 2);
            var coordinates = parts[0].Split(',');
            return TestActivities.Location(
                double.Parse(coordinates[0], CultureInfo.InvariantCulture),
                double.Parse(coordinates[1], CultureInfo.InvariantCulture),
                parts.Length > 1 ? parts[1] : null);
        }

        return TestActivities.Message(userLine);
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}

internal enum TranscriptLineKind
{
    User,
    Reply,
    ReplyContains,
    Buttons,
    Restart,
}

internal sealed record TranscriptLine(int Number, TranscriptLineKind Kind, string Text);
