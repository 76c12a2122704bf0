using System.Text.RegularExpressions;

namespace CitizenBot.Knowledge.Corpus;

/// <summary>
/// Splits one statute file of the corpus into articles. The format (see Corpus/laws/SOURCES.md): a <c># title</c>,
/// promulgation lines, <c>&lt;!-- INFO END --&gt;</c>, then <c>#</c>-headings for 编/章/节 and articles that each
/// start a line with <c>第X条</c> and a space.
/// </summary>
internal static partial class StatuteParser
{
    private const string InfoEnd = "<!-- INFO END -->";

    public static Law Parse(string lawId, string markdown)
    {
        var lines = markdown.Split('\n');
        var title = lines.FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim()
            ?? throw new InvalidDataException($"Statute '{lawId}' has no '# title' line; check the corpus file.");

        var start = Array.FindIndex(lines, l => l.Trim() == InfoEnd);
        string? part = null, chapter = null, section = null;
        var articles = new List<LawArticle>();
        (string Label, int Number, List<string> Paragraphs)? current = null;

        void Flush()
        {
            if (current is { } a)
            {
                articles.Add(new LawArticle(lawId, title, part, chapter, section, a.Label, a.Number, string.Join('\n', a.Paragraphs)));
                current = null;
            }
        }

        foreach (var raw in lines.Skip(start + 1))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                Flush();
                var heading = CleanHeading(line.TrimStart('#'));
                switch (HeadingKind(heading))
                {
                    case '编':
                        (part, chapter, section) = (heading, null, null);
                        break;
                    case '章':
                        (chapter, section) = (heading, null);
                        break;
                    case '节':
                        section = heading;
                        break;
                    default:
                        // 附则 of the Civil Code and similar un-numbered headings start a new part.
                        (part, chapter, section) = (heading.Length == 0 ? null : heading, null, null);
                        break;
                }

                continue;
            }

            var match = ArticleStart().Match(line);
            if (match.Success && ChineseNumber.TryParse(match.Groups["n"].ValueSpan, out var number))
            {
                Flush();
                current = ($"第{match.Groups["n"].Value}条", number, [line[match.Length..].Trim()]);
            }
            else
            {
                current?.Paragraphs.Add(line);
            }
        }

        Flush();
        return new Law(lawId, title, articles);
    }

    // 第一编 / 第一分编 → 编, 第二章 → 章, 第一节 → 节.
    private static char HeadingKind(string heading)
    {
        var m = NumberedHeading().Match(heading);
        return m.Success ? m.Groups["kind"].Value[^1] : '\0';
    }

    // "第二节  监  护" → "第二节 监护": the source pads headings with spaces for print layout.
    private static string CleanHeading(string heading)
    {
        var m = NumberedHeading().Match(heading.Trim());
        return m.Success
            ? $"{m.Value.Trim()} {Spaces().Replace(heading.Trim()[m.Length..], string.Empty)}".Trim()
            : Spaces().Replace(heading, string.Empty);
    }

    [GeneratedRegex(@"^第(?<n>[零一二三四五六七八九十百千]+)条[ \u3000]")]
    private static partial Regex ArticleStart();

    [GeneratedRegex(@"^第[零一二三四五六七八九十百千]+(?<kind>分编|编|章|节)\s*")]
    private static partial Regex NumberedHeading();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
