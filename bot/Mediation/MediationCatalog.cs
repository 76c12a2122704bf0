using System.Text.Json;
using CitizenBot.Dialogs.Mediation;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Mediation;

/// <summary>The mediation bodies and their mediators (profile, fields, whether a fee is charged).</summary>
internal sealed class MediationCatalog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public MediationCatalog(IOptions<MediationOptions> options)
    {
        var path = options.Value.CatalogPath;
        using var stream = string.IsNullOrWhiteSpace(path)
            ? typeof(MediationCatalog).Assembly.GetManifestResourceStream("CitizenBot.Bot.Mediation.mediation-bodies.zh-CN.json")!
            : File.OpenRead(path);
        var file = JsonSerializer.Deserialize<CatalogFile>(stream, Json)
            ?? throw new InvalidOperationException("The mediation catalog is empty; check Mediation:CatalogPath.");
        DisputeTypes = [.. file.DisputeTypes.Select(t => new DisputeType(t.Code, t.Name, t.Keywords, t.Understood ?? []))];
        Bodies = file.Bodies;
        Mediators = file.Bodies.SelectMany(b => b.Mediators.Select(m => (Body: b, Mediator: m))).ToDictionary(x => x.Mediator.MediatorId, StringComparer.Ordinal);
        var unknown = file.Bodies.SelectMany(b => b.Mediators).SelectMany(m => m.Specialties).FirstOrDefault(s => !DisputeTypes.Any(t => t.Code == s));
        if (unknown is not null)
        {
            throw new InvalidOperationException($"The mediation catalog names specialty '{unknown}', which is not among its disputeTypes. Add it there or fix the mediator.");
        }
    }

    public IReadOnlyList<DisputeType> DisputeTypes { get; }

    public IReadOnlyList<BodyEntry> Bodies { get; }

    public IReadOnlyDictionary<string, (BodyEntry Body, MediatorEntry Mediator)> Mediators { get; }

    public BodyEntry? FindBody(string bodyId) => Bodies.FirstOrDefault(b => b.BodyId == bodyId);

    public string DisputeTypeName(string code) => DisputeTypes.FirstOrDefault(t => t.Code == code)?.Name ?? code;

    public static MediationBody ToBody(BodyEntry body, string? disputeType = null) => new(
        body.BodyId,
        body.Name,
        body.Kind,
        body.Address,
        [.. body.Mediators.SelectMany(m => m.Specialties).Distinct()],
        body.Mediators.Where(m => disputeType is null || m.Specialties.Contains(disputeType)).All(m => m.FreeOfCharge));

    internal sealed record CatalogFile(bool Sample, List<DisputeTypeEntry> DisputeTypes, List<BodyEntry> Bodies);

    internal sealed record DisputeTypeEntry(string Code, string Name, List<string> Keywords, List<string>? Understood);

    internal sealed record BodyEntry(string BodyId, string Name, string Kind, string Address, List<MediatorEntry> Mediators);

    /// <param name="WorkingHours">Local periods "HH:mm-HH:mm" on working days.</param>
    internal sealed record MediatorEntry(
        string MediatorId, string Name, List<string> Specialties, List<string> WorkingHours, int SlotMinutes, List<string> Languages, bool FreeOfCharge);
}
