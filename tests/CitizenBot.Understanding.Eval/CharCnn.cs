using System.Diagnostics;
using System.Text;
using CitizenBot.Dialogs.Understanding;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CitizenBot.Understanding.Eval;

/// <summary>The knobs of the character CNN (the <c>cnn</c> verb).</summary>
internal sealed record CnnSettings(
    int Embedding = 64, int Filters = 128, int MinWidth = 2, int MaxWidth = 5, double Dropout = 0.5,
    int Epochs = 8, int BatchSize = 64, double LearningRate = 2e-3, float NearMissWeight = 3f, int MinCharCount = 2,
    long Seed = 20261205, int Seeds = 1, double FinalLearningRateShare = 1);

/// <summary>
/// The characters a CNN knows: every character (a Unicode scalar of the normalised text, as <see cref="MessageFeatures"/>
/// reads it) seen at least twice in training. 0 pads, 1 stands for any other character.
/// </summary>
internal sealed class CharVocabulary
{
    public const int Pad = 0;
    public const int Unknown = 1;

    private readonly Dictionary<int, int> _ids;

    private CharVocabulary(Dictionary<int, int> ids) => _ids = ids;

    public int Count => _ids.Count + 2;

    /// <summary>The characters in id order (from 2).</summary>
    public IEnumerable<int> Characters => _ids.OrderBy(p => p.Value).Select(p => p.Key);

    public static CharVocabulary Build(IEnumerable<string> normalizedTexts, int minCount)
    {
        var counts = new Dictionary<int, int>();
        foreach (var text in normalizedTexts)
        {
            foreach (var rune in text.EnumerateRunes())
            {
                counts[rune.Value] = counts.GetValueOrDefault(rune.Value) + 1;
            }
        }

        var ids = counts.Where(p => p.Value >= minCount)
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key)
            .Select((p, i) => (p.Key, Id: i + 2))
            .ToDictionary(p => p.Key, p => p.Id);
        return new CharVocabulary(ids);
    }

    public int[] Encode(string normalizedText)
    {
        var ids = new List<int>(normalizedText.Length);
        foreach (var rune in normalizedText.EnumerateRunes())
        {
            ids.Add(_ids.TryGetValue(rune.Value, out var id) ? id : Unknown);
        }

        return [.. ids];
    }
}

/// <summary>
/// Embedding, one 1-D convolution per kernel width (ReLU), max over time, dropout, linear. A message shorter than the
/// widest kernel is padded up to it; in a batch, the windows that reach past a message's own (padded) length are left out
/// of its max, so a message reads the same alone as in any batch.
/// </summary>
internal sealed class CharCnnModule : Module<Tensor, Tensor, Tensor>
{
    private readonly Embedding _embedding;
    private readonly ModuleList<Conv1d> _convolutions;
    private readonly Dropout _dropout;
    private readonly Linear _output;
    private readonly int[] _widths;

    public CharCnnModule(int vocabulary, int classes, CnnSettings settings)
        : base(nameof(CharCnnModule))
    {
        _widths = [.. Enumerable.Range(settings.MinWidth, settings.MaxWidth - settings.MinWidth + 1)];
        _embedding = Embedding(vocabulary, settings.Embedding, padding_idx: CharVocabulary.Pad);
        _convolutions = new ModuleList<Conv1d>([.. _widths.Select(w => Conv1d(settings.Embedding, settings.Filters, w))]);
        _dropout = Dropout(settings.Dropout);
        _output = Linear(settings.Filters * _widths.Length, classes);
        RegisterComponents();
    }

    /// <summary><paramref name="tokens"/> [batch, time] (time at least the widest kernel), <paramref name="lengths"/> [batch]: logits [batch, classes].</summary>
    public override Tensor forward(Tensor tokens, Tensor lengths)
    {
        using var scope = NewDisposeScope();
        var x = _embedding.call(tokens).transpose(1, 2);
        var time = tokens.shape[1];
        var pooled = new List<Tensor>();
        for (var i = 0; i < _widths.Length; i++)
        {
            var width = _widths[i];
            var activations = functional.relu(_convolutions[i].call(x));
            // Window p covers positions p … p + width − 1: inside the message (padded to the widest kernel) or not.
            var positions = arange(time - width + 1, dtype: int64).unsqueeze(0) + width;
            var inside = positions.le(lengths.unsqueeze(1)).unsqueeze(1).to_type(float32);
            // ReLU outputs are never negative, so a zero where a window is outside leaves the max as it is.
            pooled.Add((activations * inside).amax([2]));
        }

        return _output.call(_dropout.call(cat(pooled, 1))).MoveToOuterDisposeScope();
    }
}

/// <summary>A trained character CNN: its vocabulary, labels and module.</summary>
internal sealed class CharCnn
{
    private readonly CnnSettings _settings;

    private CharCnn(CharVocabulary vocabulary, IReadOnlyList<string> labels, CharCnnModule module, CnnSettings settings)
    {
        Vocabulary = vocabulary;
        Labels = labels;
        Module = module;
        _settings = settings;
    }

    public CharVocabulary Vocabulary { get; }

    public IReadOnlyList<string> Labels { get; }

    public CharCnnModule Module { get; }

    private int MinLength => _settings.MaxWidth;

    /// <summary>
    /// Trains on <paramref name="messages"/> with the label <paramref name="labelOf"/> gives (near-misses weighted as the
    /// linear trainer weighs them). Deterministic: fixed seeds, two threads. <paramref name="afterEpoch"/> is told each
    /// epoch's number and the model as it stands (to follow a held-out fold of the training split).
    /// </summary>
    public static CharCnn Train(
        IReadOnlyList<CorpusMessage> messages, Func<CorpusMessage, string> labelOf, CnnSettings settings, TextWriter log,
        Action<int, CharCnn>? afterEpoch = null)
    {
        torch.set_num_threads(2);
        torch.manual_seed(settings.Seed);
        var texts = messages.Select(m => MessageFeatures.NormalizedText(m.Text)).ToList();
        var vocabulary = CharVocabulary.Build(texts, settings.MinCharCount);
        var labels = messages.Select(labelOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var labelIds = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var encoded = texts.Select(vocabulary.Encode).ToList();
        var targets = messages.Select(m => (long)labelIds[labelOf(m)]).ToArray();
        var weights = messages.Select(m => m.NearMiss ? settings.NearMissWeight : 1f).ToArray();

        var module = new CharCnnModule(vocabulary.Count, labels.Count, settings);
        var cnn = new CharCnn(vocabulary, labels, module, settings);
        using var optimizer = optim.Adam(module.parameters(), settings.LearningRate);
        var random = new Random((int)settings.Seed);
        for (var epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            // The learning rate falls linearly from its start to FinalLearningRateShare of it at the last epoch.
            var share = settings.Epochs == 1 ? 1 : 1 - ((1 - settings.FinalLearningRateShare) * (epoch - 1) / (settings.Epochs - 1));
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = settings.LearningRate * share;
            }

            module.train();
            double lossSum = 0;
            var batches = cnn.Batches(encoded, random);
            foreach (var batch in batches)
            {
                using var scope = NewDisposeScope();
                var (tokens, lengths) = cnn.Pack(batch.Select(i => encoded[i]).ToList());
                var target = tensor(batch.Select(i => targets[i]).ToArray());
                var weight = tensor(batch.Select(i => weights[i]).ToArray());
                var logProbabilities = functional.log_softmax(module.call(tokens, lengths), 1);
                var loss = -(logProbabilities.gather(1, target.unsqueeze(1)).squeeze(1) * weight).sum() / weight.sum();
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>() * batch.Count;
            }

            log.WriteLine($"  epoch {epoch}: loss {lossSum / messages.Count:F4}, {clock.Elapsed.TotalSeconds:F1} s");
            afterEpoch?.Invoke(epoch, cnn);
        }

        return cnn;
    }

    /// <summary>Each message's probability per label (in <see cref="Labels"/> order).</summary>
    public List<float[]> Predict(IReadOnlyList<string> texts)
    {
        Module.eval();
        using var noGrad = no_grad();
        var encoded = texts.Select(t => Vocabulary.Encode(MessageFeatures.NormalizedText(t))).ToList();
        var result = new float[texts.Count][];
        // Batches of similar length: little padding, and padding does not change a message's reading anyway.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => encoded[i].Length).ToList();
        foreach (var batch in order.Chunk(256))
        {
            using var scope = NewDisposeScope();
            var (tokens, lengths) = Pack([.. batch.Select(i => encoded[i])]);
            var probabilities = functional.softmax(Module.call(tokens, lengths), 1).data<float>().ToArray();
            for (var j = 0; j < batch.Length; j++)
            {
                result[batch[j]] = probabilities.AsSpan(j * Labels.Count, Labels.Count).ToArray();
            }
        }

        return [.. result];
    }

    /// <summary>Shuffled batches of messages of similar length (shuffled, sorted by length in blocks of 20 batches).</summary>
    private List<List<int>> Batches(List<int[]> encoded, Random random)
    {
        var indices = Enumerable.Range(0, encoded.Count).ToArray();
        random.Shuffle(indices);
        var batches = new List<List<int>>();
        foreach (var block in indices.Chunk(_settings.BatchSize * 20))
        {
            var sorted = block.OrderBy(i => encoded[i].Length).ToList();
            batches.AddRange(sorted.Chunk(_settings.BatchSize).Select(b => b.ToList()));
        }

        var shuffled = batches.ToArray();
        random.Shuffle(shuffled);
        return [.. shuffled];
    }

    /// <summary>Token ids [batch, time] padded to the longest message (at least the widest kernel) and each message's length.</summary>
    private (Tensor Tokens, Tensor Lengths) Pack(IReadOnlyList<int[]> messages)
    {
        var time = Math.Max(MinLength, messages.Max(m => m.Length));
        var tokens = new long[messages.Count * time];
        var lengths = new long[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            for (var j = 0; j < messages[i].Length; j++)
            {
                tokens[(i * time) + j] = messages[i][j];
            }

            lengths[i] = Math.Max(MinLength, messages[i].Length);
        }

        return (tensor(tokens, [messages.Count, time]), tensor(lengths));
    }

    /// <summary>A short description for the log.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append($"{Vocabulary.Count} characters, {Labels.Count} labels, ");
        text.Append($"{Module.parameters().Sum(p => p.numel())} parameters, {_settings}");
        return text.ToString();
    }
}
