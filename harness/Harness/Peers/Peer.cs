namespace Harness.Peers;

/// <summary>
/// One peer program (peers/NAME): the folder of its sources, the binary its build makes, the models it runs and the
/// toolchains its build needs (the first one missing names the skip).
/// </summary>
public sealed record Peer(string Name, string BinaryName, IReadOnlyList<string> Models, IReadOnlyList<Toolchain> Toolchains)
{
    /// <summary>The sources' folder, relative to the repository root.</summary>
    public string SourceFolder => Path.Combine("peers", Name);

    /// <summary>Folders inside <see cref="SourceFolder"/> that hold build output, not sources.</summary>
    public static readonly IReadOnlyList<string> OutputFolders = ["target", "build"];
}
