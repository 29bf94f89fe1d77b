using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Harness.Native;
using Harness.Scenarios;

namespace Harness.Child;

/// <summary>
/// Runs one scenario in a fresh child process with a timeout. Whatever happens to the child (a crash, a
/// hang, running out of memory or threads), the result is a <see cref="ScenarioOutcome"/>: measured, or
/// failed with the reason and the tail of its stderr.
/// </summary>
/// <remarks>A peer model's scenario runs the peer's binary (<paramref name="peers"/>) with the same arguments, environment,
/// pinning, parent watch and timeout as a .NET child; one whose peer is not available is recorded without a process.</remarks>
public sealed class ScenarioProcess(ChildCommand command, TimeSpan timeout, Peers.PeerBuilds? peers = null)
{
    private const int StderrTailLines = 15;

    public ScenarioOutcome Run(ScenarioSpec spec, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (peers?.Unavailable(spec) is { } unavailable) return unavailable;
        var clock = Stopwatch.StartNew();
        int? cpu = spec.Pinned ? Libc.GetAffinity()[0] : null;
        ProcessStartInfo info = peers?.CommandFor(spec.Model) is { } peer
            ? peer.StartInfo(ScenarioChild.Arguments(spec), cpu)
            : command.StartInfo([ScenarioChild.Command, .. ScenarioChild.Arguments(spec)], cpu);
        // The parent watch (peers/PROTOCOL.md, section 1): stdin stays open, unwritten, until the child has exited.
        info.Environment[ParentWatchdog.Variable] = ParentWatchdog.OnStdin;
        using var process = new Process { StartInfo = info };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return ScenarioOutcome.Failed(spec, $"could not start '{info.FileName}': {e.Message}");
        }
        // The child's stdin stays open and unwritten for its whole life: when this process dies, however it dies, the
        // kernel closes the pipe, and the child's watchdog sees end-of-file and exits (ParentWatchdog). PR_SET_PDEATHSIG
        // would fire when the forking thread ends, which in .NET can be any pool thread, so the pipe is the signal.
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        bool exited = WaitForExit(process, timeout, cancellation);
        process.StandardInput.Close();
        if (!exited)
        {
            Kill(process);
            string why = cancellation.IsCancellationRequested
                ? "interrupted"
                : $"timed out after {timeout.TotalSeconds:0} s (killed)";
            return ScenarioOutcome.Failed(spec, why, Tail(stderr), clock.Elapsed.TotalSeconds);
        }
        process.WaitForExit(); // drains the redirected streams
        double elapsed = clock.Elapsed.TotalSeconds;

        (ChildProtocol.ChildReport? report, string? failure) = ChildProtocol.Parse(stdout.ToString(), spec.Model);
        if (report is not null && process.ExitCode == 0)
            return new ScenarioOutcome(spec, report.Series, report.Affinity, report.ProcessorCount, ElapsedSeconds: elapsed);
        string reason = failure ?? DescribeExit(process.ExitCode);
        return ScenarioOutcome.Failed(spec, reason, Tail(stderr), elapsed);
    }

    private static bool WaitForExit(Process process, TimeSpan timeout, CancellationToken cancellation)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (cancellation.IsCancellationRequested) return false;
            TimeSpan slice = TimeSpan.FromMilliseconds(Math.Min(200, (timeout - deadline.Elapsed).TotalMilliseconds + 1));
            if (process.WaitForExit(slice)) return true;
        }
        return process.HasExited;
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5_000);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own in the meantime.
        }
    }

    private static string DescribeExit(int exitCode) => exitCode switch
    {
        0 => "the child exited without reporting a result",
        ChildExitCodes.BadSpec => "the child rejected its spec",
        134 => "the child aborted (SIGABRT, exit 134): often an unhandled exception or out of memory",
        137 => "the child was killed (SIGKILL, exit 137): often the kernel's out-of-memory killer",
        139 => "the child crashed (SIGSEGV, exit 139)",
        _ => $"the child exited with code {exitCode}",
    };

    private static string Tail(StringBuilder stderr)
    {
        string text;
        lock (stderr) text = stderr.ToString();
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', lines.TakeLast(StderrTailLines)).Trim();
    }
}
