using ScottPlot;

namespace Harness.Charts;

/// <summary>
/// One colour and one marker per model, the same in every chart of a report, so a reader who learnt that green
/// squares are the green runtime never has to read a legend twice. The .NET models are a strong family; the peers
/// (Rust, Go, C) a second, lighter one, each in the hue of its nearest .NET kind: thread peers near thread's blue,
/// async peers near task's orange. <see cref="IsPeer"/> says which family a model belongs to.
/// </summary>
public sealed record ModelStyle(string Model, Color Color, MarkerShape Marker, LinePattern Line, bool IsPeer = false)
{
    private static readonly IReadOnlyDictionary<string, ModelStyle> s_styles = new[]
    {
        new ModelStyle("thread", Color.FromHex("#1f5fbf"), MarkerShape.FilledCircle, LinePattern.Solid),
        new ModelStyle("task", Color.FromHex("#d9600b"), MarkerShape.FilledTriangleUp, LinePattern.Solid),
        new ModelStyle("green", Color.FromHex("#1b8a3a"), MarkerShape.FilledSquare, LinePattern.Solid),
        new ModelStyle("rust-thread", Color.FromHex("#7fa6e0"), MarkerShape.OpenCircle, LinePattern.Dashed, IsPeer: true),
        new ModelStyle("c-thread", Color.FromHex("#9a8fd6"), MarkerShape.OpenDiamond, LinePattern.Dashed, IsPeer: true),
        new ModelStyle("tokio", Color.FromHex("#f0a868"), MarkerShape.OpenTriangleUp, LinePattern.Dashed, IsPeer: true),
        new ModelStyle("tokio-ct", Color.FromHex("#e8c170"), MarkerShape.OpenTriangleDown, LinePattern.Dashed, IsPeer: true),
        new ModelStyle("async-std", Color.FromHex("#d98fb0"), MarkerShape.OpenSquare, LinePattern.Dashed, IsPeer: true),
        new ModelStyle("go", Color.FromHex("#6cc3c9"), MarkerShape.Eks, LinePattern.Dotted, IsPeer: true),
    }.ToDictionary(s => s.Model);

    /// <summary>The models with a fixed style, .NET first.</summary>
    public static IReadOnlyCollection<string> Known => [.. s_styles.Keys];

    /// <summary>The model's style; an unknown model gets a grey one rather than a colour that belongs to another.</summary>
    public static ModelStyle Of(string model) =>
        s_styles.TryGetValue(model, out ModelStyle? style) ? style : new ModelStyle(model, Colors.Gray, MarkerShape.Asterisk, LinePattern.DenselyDashed);
}
