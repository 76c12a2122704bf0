using System.Text.Json;
using System.Text.Json.Nodes;

namespace CitizenBot.Dialogs.Cards;

/// <summary>
/// The part of Adaptive Cards 1.5 the bot's cards use, as small typed records that write their own JSON (the
/// AdaptiveCards package is not available here). Microsoft's Web Chat renders them; the tests check every card the
/// bot can send against the <c>adaptivecards</c> renderer.
/// </summary>
internal sealed record AdaptiveCard(IReadOnlyList<CardElement> Body, string FallbackText)
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string Version = "1.5";

    public IReadOnlyList<CardButton> Actions { get; init; } = [];

    /// <summary>What a screen reader says for the card; the text fallback when not set.</summary>
    public string? Speak { get; init; }

    public JsonObject ToJson()
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
            ["fallbackText"] = FallbackText,
            ["speak"] = Speak ?? FallbackText,
            ["body"] = CardJson.Array(Body.Select(e => e.ToJson())),
        };
        if (Actions.Count > 0)
        {
            card["actions"] = CardJson.Array(Actions.Select(a => a.ToJson()));
        }

        return card;
    }

    public JsonElement ToElement() => CardJson.Element(ToJson());
}

/// <summary>An element of a card's body.</summary>
internal abstract record CardElement
{
    /// <summary>Hidden until an <see cref="ToggleAction"/> shows it.</summary>
    public string? Id { get; init; }

    public bool Hidden { get; init; }

    /// <summary>"none", "small", "medium", "large"; the renderer's default when null.</summary>
    public string? Spacing { get; init; }

    public bool Separator { get; init; }

    public abstract JsonObject ToJson();

    protected JsonObject With(JsonObject element)
    {
        if (Id is not null)
        {
            element["id"] = Id;
        }

        if (Hidden)
        {
            element["isVisible"] = false;
        }

        if (Spacing is not null)
        {
            element["spacing"] = Spacing;
        }

        if (Separator)
        {
            element["separator"] = true;
        }

        return element;
    }
}

/// <param name="Size">"small", "default", "medium", "large".</param>
/// <param name="Color">"default", "accent", "good", "warning", "attention".</param>
internal sealed record TextBlock(string Text, string? Size = null, bool Bold = false, string? Color = null, bool Subtle = false) : CardElement
{
    public override JsonObject ToJson()
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = Text, ["wrap"] = true };
        if (Size is not null)
        {
            block["size"] = Size;
        }

        if (Bold)
        {
            block["weight"] = "bolder";
        }

        if (Color is not null)
        {
            block["color"] = Color;
        }

        if (Subtle)
        {
            block["isSubtle"] = true;
        }

        return With(block);
    }
}

/// <summary>One line of a card's fact list: a label and its value.</summary>
public sealed record Fact(string Title, string Value);

internal sealed record FactSet(IReadOnlyList<Fact> Facts) : CardElement
{
    public override JsonObject ToJson() => With(new JsonObject
    {
        ["type"] = "FactSet",
        ["facts"] = CardJson.Array(Facts.Select(f => new JsonObject { ["title"] = f.Title, ["value"] = f.Value })),
    });
}

/// <param name="Size">"small", "medium", "large", "auto".</param>
internal sealed record CardImage(string Url, string AltText, string? Size = null) : CardElement
{
    public override JsonObject ToJson()
    {
        var image = new JsonObject { ["type"] = "Image", ["url"] = Url, ["altText"] = AltText };
        if (Size is not null)
        {
            image["size"] = Size;
        }

        return With(image);
    }
}

/// <param name="Style">"default", "emphasis", "good", "attention", "warning", "accent".</param>
internal sealed record Container(IReadOnlyList<CardElement> Items, string? Style = null) : CardElement
{
    /// <summary>Tapping the container sends this text, as typing it would.</summary>
    public string? SelectText { get; init; }

    public override JsonObject ToJson()
    {
        var container = new JsonObject { ["type"] = "Container", ["items"] = CardJson.Array(Items.Select(i => i.ToJson())) };
        if (Style is not null)
        {
            container["style"] = Style;
        }

        if (SelectText is not null)
        {
            container["selectAction"] = new SendTextAction(SelectText, SelectText).ToJson();
        }

        return With(container);
    }
}

/// <param name="Width">"auto", "stretch" or a weight such as "1".</param>
internal sealed record Column(IReadOnlyList<CardElement> Items, string Width = "stretch", string? VerticalAlignment = null);

internal sealed record ColumnSet(IReadOnlyList<Column> Columns) : CardElement
{
    public override JsonObject ToJson() => With(new JsonObject
    {
        ["type"] = "ColumnSet",
        ["columns"] = CardJson.Array(Columns.Select(c =>
        {
            var column = new JsonObject { ["type"] = "Column", ["width"] = c.Width, ["items"] = CardJson.Array(c.Items.Select(i => i.ToJson())) };
            if (c.VerticalAlignment is not null)
            {
                column["verticalContentAlignment"] = c.VerticalAlignment;
            }

            return column;
        })),
    });
}

internal sealed record ActionSet(IReadOnlyList<CardButton> Actions) : CardElement
{
    public override JsonObject ToJson() => With(new JsonObject { ["type"] = "ActionSet", ["actions"] = CardJson.Array(Actions.Select(a => a.ToJson())) });
}

/// <summary>A button of a card.</summary>
internal abstract record CardButton(string Title)
{
    public abstract JsonObject ToJson();
}

/// <summary>Opens a link (https: or tel:).</summary>
internal sealed record OpenUrlAction(string Title, string Url) : CardButton(Title)
{
    public override JsonObject ToJson() => new() { ["type"] = "Action.OpenUrl", ["title"] = Title, ["url"] = Url };
}

/// <summary>Sends <paramref name="Text"/> as if the citizen typed it (Web Chat posts a string's data as the message text).</summary>
internal sealed record SendTextAction(string Title, string Text) : CardButton(Title)
{
    public override JsonObject ToJson() => new() { ["type"] = "Action.Submit", ["title"] = Title, ["data"] = Text };
}

/// <summary>Shows or hides the elements with the given ids: "expandable" parts of a card.</summary>
internal sealed record ToggleAction(string Title, IReadOnlyList<string> TargetIds) : CardButton(Title)
{
    public override JsonObject ToJson() => new()
    {
        ["type"] = "Action.ToggleVisibility",
        ["title"] = Title,
        ["targetElements"] = CardJson.Array(TargetIds.Select(id => (JsonNode)JsonValue.Create(id))),
    };
}

internal static class CardJson
{
    public static JsonArray Array(IEnumerable<JsonNode> nodes) => new([.. nodes]);

    public static JsonElement Element(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }
}
