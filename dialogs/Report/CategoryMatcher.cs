using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Report;

/// <summary>The category a message names by its keywords: the one with the longest keyword found, when that is unique.</summary>
internal static class CategoryMatcher
{
    public static ReportCategory? Find(IReadOnlyList<ReportCategory> categories, string matchKey)
    {
        if (matchKey.Length == 0)
        {
            return null;
        }

        var ranked = categories
            .Select(c => (category: c, length: c.Keywords.Select(ChineseText.ToMatchKey).Where(k => k.Length > 0 && matchKey.Contains(k, StringComparison.Ordinal))
                .Select(k => k.Length).DefaultIfEmpty(0).Max()))
            .Where(r => r.length > 0)
            .OrderByDescending(r => r.length)
            .ToList();
        return ranked.Count == 1 || (ranked.Count > 1 && ranked[0].length > ranked[1].length) ? ranked[0].category : null;
    }
}
