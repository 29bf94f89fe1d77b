using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using Harness.Native;

namespace Harness.Measurement;

/// <summary>
/// Everything about the machine and runtime that changes what the numbers mean, recorded with every
/// result: CPU, kernel, .NET, GC and ThreadPool settings, thread stack size, affinity and OS limits.
/// </summary>
public sealed record EnvironmentInfo
{
    public required string CpuModel { get; init; }
    public required int LogicalCores { get; init; }
    public required int ProcessorCount { get; init; }
    public required string Affinity { get; init; }
    public required bool Virtualized { get; init; }
    public required string Kernel { get; init; }
    public required string Os { get; init; }
    public required string DotNetRuntime { get; init; }
    /// <summary>The .NET SDK that `dotnet` resolves in the repository (global.json), or null if none answered.</summary>
    public string? DotNetSdk { get; init; }
    public required string GcMode { get; init; }
    public required string GcLatencyMode { get; init; }
    public required int ThreadPoolMinWorkers { get; init; }
    public required int ThreadPoolMaxWorkers { get; init; }
    public required int ThreadPoolMinIo { get; init; }
    public required string DefaultThreadStack { get; init; }
    /// <summary>The step of Environment.TickCount64 in ms, the clock .NET's timers (Task.Delay) are due on (measured).</summary>
    public double? TickCountStepMs { get; init; }
    public required IReadOnlyDictionary<string, string> Limits { get; init; }
    public required string? GitCommit { get; init; }
    /// <summary>Runtime settings given to every scenario's child process (see Child.ChildCommand).</summary>
    public IReadOnlyDictionary<string, string> ScenarioEnvironment { get; init; } = new Dictionary<string, string>();
    /// <summary>The peers a run prepared: build status, toolchain and crate versions (null in runs without peers and in older env.json).</summary>
    public IReadOnlyList<Peers.PeerEnvironment>? Peers { get; init; }
    public required DateTimeOffset CapturedAt { get; init; }
    public required string MachineName { get; init; }

    public static EnvironmentInfo Capture()
    {
        ThreadPool.GetMinThreads(out int minWorkers, out int minIo);
        ThreadPool.GetMaxThreads(out int maxWorkers, out _);
        string cpuInfo = ReadOr("/proc/cpuinfo", "");
        ulong? stack = Libc.GetSoftLimit(Libc.RLIMIT_STACK);
        string? dotnetStack = Environment.GetEnvironmentVariable("DOTNET_DefaultStackSize");
        return new EnvironmentInfo
        {
            CpuModel = FirstValue(cpuInfo, "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
            LogicalCores = cpuInfo.Split('\n').Count(l => l.StartsWith("processor", StringComparison.Ordinal)),
            ProcessorCount = Environment.ProcessorCount,
            Affinity = string.Join(",", Libc.GetAffinity()),
            Virtualized = FirstValue(cpuInfo, "flags")?.Split(' ').Contains("hypervisor") ?? false,
            Kernel = ReadOr("/proc/sys/kernel/osrelease", "unknown").Trim(),
            Os = RuntimeInformation.OSDescription,
            DotNetRuntime = RuntimeInformation.FrameworkDescription,
            DotNetSdk = SdkVersion(),
            GcMode = (GCSettings.IsServerGC ? "server" : "workstation")
                + (AppContext.GetData("System.GC.Concurrent") is false ? ", non-concurrent" : ", concurrent"),
            GcLatencyMode = GCSettings.LatencyMode.ToString(),
            ThreadPoolMinWorkers = minWorkers,
            ThreadPoolMaxWorkers = maxWorkers,
            ThreadPoolMinIo = minIo,
            DefaultThreadStack = $"{MeasuredThreadStackKiB()} KiB reserved per new .NET thread (measured); "
                + (dotnetStack is not null ? $"DOTNET_DefaultStackSize=0x{dotnetStack}" : stack is null ? "RLIMIT_STACK unlimited" : $"RLIMIT_STACK {stack / 1024} KiB"),
            Limits = ReadLimits(),
            TickCountStepMs = MeasuredTickCountStepMs(),
            GitCommit = GitCommitOf(AppContext.BaseDirectory),
            ScenarioEnvironment = Child.ChildCommand.ScenarioEnvironment,
            CapturedAt = DateTimeOffset.UtcNow,
            MachineName = Environment.MachineName,
        };
    }

    /// <summary>The OS limits that cap how many threads or units a run can create.</summary>
    public static IReadOnlyDictionary<string, string> ReadLimits()
    {
        CgroupLimits cgroup = CgroupLimits.Read();
        var limits = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["threads-max"] = ReadOr("/proc/sys/kernel/threads-max", "?").Trim(),
            ["pid_max"] = ReadOr("/proc/sys/kernel/pid_max", "?").Trim(),
            ["max_map_count"] = ReadOr("/proc/sys/vm/max_map_count", "?").Trim(),
            ["cgroup pids"] = cgroup.PidsLimit is null ? "no limit" : $"{cgroup.PidsLimit}, {cgroup.PidsHeadroom} left",
            ["cgroup memory"] = cgroup.MemoryLimit is null ? "no limit" : $"{cgroup.MemoryLimit}, {cgroup.MemoryHeadroom / (1024 * 1024)} MiB left",
            ["ulimit -u"] = Libc.GetSoftLimit(Libc.RLIMIT_NPROC)?.ToString() ?? "unlimited",
            ["ulimit -n"] = Libc.GetSoftLimit(Libc.RLIMIT_NOFILE)?.ToString() ?? "unlimited",
            ["MemAvailable"] = FirstValue(ReadOr("/proc/meminfo", ""), "MemAvailable") ?? "?",
        };
        return limits;
    }

    /// <summary>
    /// The size of the stack mapping of a thread started with <c>new Thread(...)</c> and no explicit size: the
    /// mapping of /proc/self/maps that holds an address on that thread's stack (virtual size; residency is what the
    /// memory metric measures).
    /// </summary>
    // unsafe: takes the address of a local on the new thread's stack to find its mapping; it is never dereferenced.
    public static unsafe long MeasuredThreadStackKiB()
    {
        long kib = -1;
        // Read while the thread is alive: after it exits, its stack may be unmapped (or cached by libc).
        var thread = new Thread(() =>
        {
            int local = 0;
            kib = MappingSizeKiB((nuint)(&local));
        });
        thread.Start();
        thread.Join();
        return kib;
    }

    /// <summary>
    /// The smallest step seen in Environment.TickCount64 over a few ticks. .NET's timer queue (Task.Delay,
    /// System.Threading.Timer) computes due times on it; on Linux it reads CLOCK_MONOTONIC_COARSE, whose step is the
    /// kernel's jiffy (4 ms at HZ=250), so a 1 ms Task.Delay can be several ms late. Bounded to about 100 ms.
    /// </summary>
    public static double? MeasuredTickCountStepMs()
    {
        var clock = Stopwatch.StartNew();
        long last = Environment.TickCount64;
        long? lastChange = null;
        double step = double.NaN;
        for (int changes = 0; changes < 4 && clock.ElapsedMilliseconds < 100;)
        {
            long now = Environment.TickCount64;
            if (now == last) continue;
            long at = clock.ElapsedTicks;
            if (lastChange is { } previous)
            {
                double ms = (at - previous) * 1000.0 / Stopwatch.Frequency;
                step = double.IsNaN(step) ? ms : Math.Min(step, ms);
                changes++;
            }
            lastChange = at;
            last = now;
        }
        return double.IsNaN(step) ? null : Math.Round(step, 1);
    }

    private static long MappingSizeKiB(nuint address)
    {
        foreach (string line in File.ReadLines("/proc/self/maps"))
        {
            string[] range = line.Split(' ')[0].Split('-');
            nuint start = nuint.Parse(range[0], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            nuint end = nuint.Parse(range[1], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            if (address >= start && address < end) return (long)(end - start) / 1024;
        }
        return -1;
    }

    private static string ReadOr(string path, string fallback)
    {
        try { return File.ReadAllText(path); }
        catch (IOException) { return fallback; }
        catch (UnauthorizedAccessException) { return fallback; }
    }

    /// <summary>The value of the first "key : value" line with that key (cpuinfo, meminfo style).</summary>
    private static string? FirstValue(string text, string key)
    {
        foreach (string line in text.Split('\n'))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim() == key) return line[(colon + 1)..].Trim();
        }
        return null;
    }

    /// <summary>`dotnet --version` in the repository (where global.json picks the SDK), bounded to 20 s.</summary>
    private static string? SdkVersion()
    {
        string directory = Running.NewRunFolder.RepositoryRoot() ?? AppContext.BaseDirectory;
        try
        {
            var start = new ProcessStartInfo("dotnet", ["--version"])
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using Process? dotnet = Process.Start(start);
            if (dotnet is null) return null;
            Task<string> output = dotnet.StandardOutput.ReadToEndAsync();
            if (!dotnet.WaitForExit(20_000))
            {
                dotnet.Kill(entireProcessTree: true);
                return null;
            }
            return dotnet.ExitCode == 0 ? output.Result.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no dotnet host on PATH (an app run from a self-contained publish)
        }
    }

    private static string? GitCommitOf(string directory)
    {
        try
        {
            var start = new ProcessStartInfo("git", ["rev-parse", "HEAD"])
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using Process? git = Process.Start(start);
            if (git is null) return null;
            string output = git.StandardOutput.ReadToEnd().Trim();
            return git.WaitForExit(5000) && git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed
        }
    }
}
