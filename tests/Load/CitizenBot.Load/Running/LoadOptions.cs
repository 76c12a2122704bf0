using System.Globalization;

namespace CitizenBot.Load.Running;

/// <summary>Command-line settings, <c>--name value</c> pairs; see Program.cs for the list.</summary>
internal sealed class LoadOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private LoadOptions()
    {
    }

    public static LoadOptions Parse(IEnumerable<string> args)
    {
        var options = new LoadOptions();
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                name = arg[2..];
                options._values[name] = "true";
            }
            else if (name is not null)
            {
                options._values[name] = arg;
                name = null;
            }
        }

        return options;
    }

    public string Text(string name, string? fallback = null) =>
        _values.TryGetValue(name, out var value) ? value
            : fallback ?? throw new ArgumentException($"--{name} is required; run without arguments for the usage.");

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public int Number(string name, int fallback) =>
        _values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public bool Flag(string name) => _values.ContainsKey(name);
}
