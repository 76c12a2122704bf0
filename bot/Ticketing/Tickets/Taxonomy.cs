using System.Text.Json;
using System.Text.Json.Serialization;
using CitizenBot.Dialogs.Report;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Ticketing.Tickets;

/// <summary>One category of the taxonomy file.</summary>
internal sealed record TaxonomyCategory(
    string Code,
    string Name,
    string Type,
    bool Urgent,
    IReadOnlyList<string> Keywords,
    string? Hint,
    double AnswerHours = TaxonomyDefaults.AnswerHours,
    bool WorkingDays = true);

/// <summary>答复时限: hours until the center's answer is due, counted on working days only or around the clock.</summary>
internal sealed record AnswerTime(double AnswerHours, bool WorkingDays);

/// <param name="UrgentAnswer">The answer time of every urgent ticket, whatever its category.</param>
internal sealed record TaxonomyFile(IReadOnlyList<TaxonomyCategory> Categories, AnswerTime? UrgentAnswer = null);

internal static class TaxonomyDefaults
{
    /// <summary>A category without <c>answerHours</c>: 5 working days.</summary>
    public const double AnswerHours = 120;

    /// <summary>Urgent tickets when the file names no <c>urgentAnswer</c>: 2 hours around the clock.</summary>
    public static readonly AnswerTime UrgentAnswer = new(2, WorkingDays: false);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(TaxonomyFile))]
internal sealed partial class TaxonomyJson : JsonSerializerContext;

/// <summary>The report categories mapped to the center's codes, from a data file.</summary>
internal sealed class Taxonomy
{
    private const string Embedded = "CitizenBot.Bot.Ticketing.Tickets.taxonomy.zh-CN.json";
    private readonly Dictionary<string, TaxonomyCategory> _byCode;

    public Taxonomy(IOptions<TicketingOptions> options)
    {
        using var stream = string.IsNullOrWhiteSpace(options.Value.TaxonomyPath)
            ? typeof(Taxonomy).Assembly.GetManifestResourceStream(Embedded)!
            : File.OpenRead(options.Value.TaxonomyPath);
        var file = JsonSerializer.Deserialize(stream, TaxonomyJson.Default.TaxonomyFile);
        if (file is not { Categories.Count: > 0 })
        {
            throw new InvalidDataException("The ticket taxonomy has no categories; check Tickets:TaxonomyPath.");
        }

        if (file.Categories.Any(c => c.AnswerHours <= 0) || file.UrgentAnswer is { AnswerHours: <= 0 })
        {
            throw new InvalidDataException("Every answerHours in the ticket taxonomy must be more than 0; check Tickets:TaxonomyPath.");
        }

        All = file.Categories;
        UrgentAnswer = file.UrgentAnswer ?? TaxonomyDefaults.UrgentAnswer;
        _byCode = All.ToDictionary(c => c.Code, StringComparer.Ordinal);
        Categories = All.Select(c => new ReportCategory(c.Code, c.Name, c.Keywords, c.Hint)).ToList();
    }

    public IReadOnlyList<TaxonomyCategory> All { get; }

    public AnswerTime UrgentAnswer { get; }

    public IReadOnlyList<ReportCategory> Categories { get; }

    /// <summary>The category of a code; an unknown code falls back to the last entry (其他), never to an error.</summary>
    public TaxonomyCategory Find(string code) => _byCode.GetValueOrDefault(code) ?? All[^1];
}
