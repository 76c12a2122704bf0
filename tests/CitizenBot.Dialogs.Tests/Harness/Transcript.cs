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
/// &gt; [photo:large] [location 30.5,114.3] text   tokens combine into one message; [photo:NAME] is NAME.jpg
/// &gt; [join]                    the user joins the conversation (conversationUpdate)
/// [restart]                   the bot process restarts; only the saved state survives
/// [later 1d] / [later 5h]     the fakes' clock moves on (days or hours)
/// [center NUMBER STATUS note] the center gives ticket NUMBER the display STATUS (e.g. 已办结), with an optional note
/// &lt; text                      the next reply is exactly text (\n stands for a line break)
/// &lt;~ text                     the next reply contains text
/// &lt;buttons a | b              the last reply's buttons are exactly a, b
/// &lt;card text                  the last reply is a card, and text is among its words (a TextBlock, a fact, a button)
/// </code>
/// Every reply of a turn must be expected before the next user line: a reply nobody expected fails the test.
/// </summary>
internal sealed record Transcript(string Name, IReadOnlyList<TranscriptLine> Lines)
{
    /// <summary>The <c>*.transcript</c> files of a folder copied next to the tests, by name, for a theory's MemberData.</summary>
    public static TheoryData<string> FilesIn(string folder)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, folder), "*.transcript").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    /// <summary>Reads and parses one file of <see cref="FilesIn"/>; a file without a single line fails.</summary>
    public static async Task<Transcript> LoadAsync(string folder, string file)
    {
        var transcript = Parse(file, await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, folder, file)));
        Assert.NotEmpty(transcript.Lines);
        return transcript;
    }

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

        if (line.StartsWith("[later ", StringComparison.Ordinal) && line.EndsWith(']'))
        {
            return new TranscriptLine(number, TranscriptLineKind.Later, line["[later ".Length..^1]);
        }

        if (line.StartsWith("[center ", StringComparison.Ordinal) && line.EndsWith(']'))
        {
            return new TranscriptLine(number, TranscriptLineKind.Center, line["[center ".Length..^1]);
        }

        if (line.StartsWith("<buttons ", StringComparison.Ordinal))
        {
            return new TranscriptLine(number, TranscriptLineKind.Buttons, line["<buttons ".Length..]);
        }

        if (line.StartsWith("<card ", StringComparison.Ordinal))
        {
            return new TranscriptLine(number, TranscriptLineKind.Card, line["<card ".Length..]);
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

        throw new FormatException($"{name}:{number}: cannot read '{line}'. Lines start with '>', '<', '<~', '<buttons', '<card', '#' or are [restart], [later …], [center …].");
    }

    private static string Unescape(string text) => text.Replace("\\n", "\n", StringComparison.Ordinal);

    /// <summary>
    /// The activity a user line stands for: any number of leading tokens — <c>[photo]</c>, <c>[photo:NAME]</c> (an image
    /// named NAME.jpg, which the fake desk judges by name), <c>[file]</c>, <c>[location LAT,LNG name]</c> — then the text.
    /// </summary>
    public static Activity ToActivity(string userLine)
    {
        if (userLine == "[join]")
        {
            return TestActivities.Join();
        }

        var attachments = new List<Attachment>();
        var entities = new List<Entity>();
        var rest = userLine;
        while (rest.StartsWith('[') && rest.IndexOf(']', StringComparison.Ordinal) is var close and > 0)
        {
            var token = rest[1..close];
            rest = rest[(close + 1)..].TrimStart();
            if (token == "photo" || token.StartsWith("photo:", StringComparison.Ordinal))
            {
                var name = token == "photo" ? "photo" : token["photo:".Length..];
                attachments.Add(new Attachment { ContentType = "image/jpeg", ContentUrl = $"https://example.test/{name}.jpg" });
            }
            else if (token == "file")
            {
                attachments.Add(new Attachment { ContentType = "application/pdf", ContentUrl = "https://example.test/file.pdf" });
            }
            else if (token.StartsWith("location ", StringComparison.Ordinal))
            {
                var parts = token["location ".Length..].Split(' ', 2);
                var coordinates = parts[0].Split(',');
                entities.Add(new GeoCoordinates(
                    double.Parse(coordinates[0], CultureInfo.InvariantCulture),
                    double.Parse(coordinates[1], CultureInfo.InvariantCulture),
                    parts.Length > 1 ? parts[1] : null,
                    CoordinateSystems.Gcj02).ToEntity());
            }
            else
            {
                throw new FormatException($"Unknown token [{token}] in user line '{userLine}'.");
            }
        }

        var activity = TestActivities.Message(NullIfEmpty(rest));
        activity.Attachments = attachments.Count > 0 ? attachments : null;
        activity.Entities = entities.Count > 0 ? entities : null;
        return activity;
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}

internal enum TranscriptLineKind
{
    User,
    Reply,
    ReplyContains,
    Buttons,
    Card,
    Restart,
    Later,
    Center,
}

internal sealed record TranscriptLine(int Number, TranscriptLineKind Kind, string Text);
