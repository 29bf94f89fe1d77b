using Harness.Tests.Fixtures;

namespace Harness.Tests.Scripts;

/// <summary>
/// scripts/install-peers.sh against stand-ins for dpkg-query, apt-get and sudo: which packages it asks apt for,
/// when it runs apt-get update, and its one line on failure. PATH holds only the stand-ins and links to the few
/// tools the script uses, so whether a cargo is "on PATH" is the test's choice.
/// </summary>
public sealed class InstallPeersTests : TempFolder
{
    private string Bin => Path.Combine(Folder, "bin");
    private string AptLog => Path.Combine(Folder, "apt.log");
    private string Installed => Path.Combine(Folder, "installed");

    public InstallPeersTests()
    {
        Directory.CreateDirectory(Bin);
        foreach (string tool in new[] { "dirname", "sed", "grep", "id", "mktemp", "rm", "env", "tail", "cat" })
        {
            string? found = new[] { "/usr/bin", "/bin" }.Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);
            File.CreateSymbolicLink(Path.Combine(Bin, tool), found ?? throw new InvalidOperationException($"{tool} not found"));
        }
        // dpkg-query reports a package installed when its name is a line of the `installed` file.
        Stub("dpkg-query", $"name=\"${{@: -1}}\"; grep -qx \"$name\" '{Installed}' && printf 'install ok installed'");
        // apt-get logs its arguments; APT_FAILS makes it fail the way apt does.
        Stub("apt-get", $"echo \"$*\" >> '{AptLog}'; if [ -n \"${{APT_FAILS:-}}\" ]; then echo 'E: Unable to locate package nosuch'; exit 100; fi");
        Stub("sudo", "shift; exec \"$@\"");
        File.WriteAllText(Installed, "");
    }


    private void Stub(string name, string body)
    {
        string path = Path.Combine(Bin, name);
        File.WriteAllText(path, $"#!/bin/bash\n{body}\n");
        if (!OperatingSystem.IsWindows()) // the scripts run on Linux only
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private (int Exit, string Output) Run(string list, bool aptFails = false)
    {
        string listPath = Path.Combine(Folder, "debian-packages.txt");
        File.WriteAllText(listPath, list);
        var environment = new Dictionary<string, string> { ["PATH"] = Bin, ["INSTALL_PEERS_RUST_LIST"] = listPath };
        if (aptFails) environment["APT_FAILS"] = "1";
        return ShellScripts.Run("install-peers.sh", environment);
    }

    private string[] AptCalls() => File.Exists(AptLog) ? File.ReadAllLines(AptLog) : [];

    [Fact]
    public void MissingPackages_AreInstalledAfterOneUpdate_WithCargoAndRustcWhenNoCargoIsOnPath()
    {
        File.WriteAllLines(Installed, ["gcc"]);

        (int exit, string output) = Run("# crates of peers/rust\nlibrust-tokio-dev\n\nlibrust-libc-dev  # for sched_getaffinity\n");

        Assert.True(exit == 0, output);
        string[] calls = AptCalls();
        Assert.Equal(2, calls.Length);
        Assert.Equal("-qq -y update", calls[0]);
        Assert.Equal("-qq -y install --no-install-recommends golang-go make cargo rustc librust-tokio-dev librust-libc-dev", calls[1]);
        Assert.Equal("install-peers: installed golang-go make cargo rustc librust-tokio-dev librust-libc-dev", output.Trim());
    }

    [Fact]
    public void EverythingInstalled_RunsNoAptAtAll()
    {
        Stub("cargo", "exit 0");
        File.WriteAllLines(Installed, ["golang-go", "gcc", "make", "librust-tokio-dev"]);

        (int exit, string output) = Run("librust-tokio-dev\n");

        Assert.True(exit == 0, output);
        Assert.Empty(AptCalls());
        Assert.Equal("install-peers: everything was already installed (golang-go gcc make librust-tokio-dev)", output.Trim());
    }

    [Fact]
    public void AptFailure_IsOneLineAndExitsNonZero()
    {
        (int exit, string output) = Run("nosuch\n", aptFails: true);

        Assert.Equal(1, exit);
        Assert.Equal("install-peers: apt-get update failed: E: Unable to locate package nosuch", output.Trim());
    }

    [Fact]
    public void ABadNameInTheList_IsRefusedBeforeApt()
    {
        (int exit, string output) = Run("librust-tokio-dev\nrm -rf /\n");

        Assert.Equal(2, exit);
        Assert.StartsWith("install-peers: 'rm -rf /' in ", output.Trim(), StringComparison.Ordinal);
        Assert.Empty(AptCalls());
    }
}
