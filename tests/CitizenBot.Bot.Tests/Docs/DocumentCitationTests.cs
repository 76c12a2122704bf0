using System.Text.RegularExpressions;

namespace CitizenBot.Bot.Tests.Docs;

/// <summary>
/// A comment that sends the reader to a document must send them somewhere they can go: every <c>docs/….md</c> that
/// source, build and script files cite is in the repository, and none of them points outside it.
/// </summary>
public sealed partial class DocumentCitationTests
{
    private static readonly string[] SourceFolders = ["bot", "channels", "dialogs", "knowledge", "tests"];

    private static readonly string[] SourceExtensions = [".cs", ".csproj", ".props", ".json", ".yaml", ".sh", ".js", ".mjs"];

    private static readonly string[] SkippedFolders = ["bin", "obj", "node_modules", "lib", "results", "Corpus", "corpus"];

    [Fact]
    public void SourceFiles_CiteOnlyDocsThatExist()
    {
        var root = RepoRoot();
        var citations = SourceFiles(root)
            .SelectMany(file => DocsCitation().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetRelativePath(root, file), Doc: m.Value)))
            .ToList();

        Assert.NotEmpty(citations);
        var missing = citations
            .Where(c => !File.Exists(Path.Combine(root, c.Doc.Replace('/', Path.DirectorySeparatorChar))))
            .Select(c => $"{c.File} cites {c.Doc}")
            .ToList();
        Assert.True(missing.Count == 0, "Cited documents missing from docs/:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void SourceFiles_CiteNoPathOutsideTheRepository()
    {
        var root = RepoRoot();
        var outside = SourceFiles(root)
            .Where(file => !file.EndsWith(nameof(DocumentCitationTests) + ".cs", StringComparison.Ordinal))
            .SelectMany(file => OutsidePath().Matches(File.ReadAllText(file)).Select(m => $"{Path.GetRelativePath(root, file)}: {m.Value}"))
            .ToList();

        Assert.True(outside.Count == 0, "Citations of paths outside the repository:\n" + string.Join('\n', outside));
    }

    private static IEnumerable<string> SourceFiles(string root) =>
        SourceFolders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories))
            .Where(file => SourceExtensions.Contains(Path.GetExtension(file), StringComparer.Ordinal)
                && !file.EndsWith("package-lock.json", StringComparison.Ordinal)
                && !Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar).Any(part => SkippedFolders.Contains(part, StringComparer.Ordinal)));

    [Fact]
    public void Readme_StaysAnEntrancePointingIntoDocs()
    {
        // The README starts with the two commands and links into docs/ for the rest; the details live in docs/.
        var lines = File.ReadAllLines(Path.Combine(RepoRoot(), "README.md"));
        Assert.True(lines.Length < 150, $"README.md has {lines.Length} lines; move details into docs/.");
        Assert.StartsWith("dotnet run --project bot", lines.SkipWhile(l => !l.StartsWith("```", StringComparison.Ordinal)).Skip(1).First(), StringComparison.Ordinal);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CitizenBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests run from inside the repository (no CitizenBot.sln above them).");
    }

    [GeneratedRegex(@"(?<![\w/.-])docs/[\w.-]+\.md")]
    private static partial Regex DocsCitation();

    [GeneratedRegex(@"/work/shared\S*|\.\./shared\S*")]
    private static partial Regex OutsidePath();
}
