package main

// Conformance of the go peer to peers/PROTOCOL.md at tiny sizes, run as a child process exactly as the parent
// runs it (the test binary re-executes itself as the peer): every shape runs and its BENCH-RESULT line parses
// with the right quantities (the peer itself fails a run in which a hop, a crossing or a unit is missing);
// memory readings have every unit alive; pinning and the parent watch behave; every kind of malformed spec
// gives `BENCH-FAILURE bad spec:` and exit 2.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// childVariable makes the test binary act as the peer (TestMain runs `run` instead of the tests).
const childVariable = "GO_PEER_AS_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childVariable) == "1" {
		os.Exit(run(os.Args[1:]))
	}
	os.Exit(m.Run())
}

const common = `"protocol":2,"model":"go","pinned":false,"warmup":1,"warmup_ms":0,"samples":2`

type childRun struct {
	exitCode int
	stdout   string
}

// runPeer runs the peer on one spec; `wrap` (e.g. taskset) goes before it, `stdin` is its standard input.
func runPeer(t *testing.T, spec string, env []string, stdin *os.File, wrap ...string) childRun {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	args := append(append([]string{}, wrap...), self, "--spec", spec)
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(append(os.Environ(), childVariable+"=1"), env...)
	cmd.Stdin = stdin
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	err = cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("starting the peer: %v", err)
	}
	return childRun{cmd.ProcessState.ExitCode(), stdout.String()}
}

type result struct {
	Series []struct {
		Quantity string             `json:"quantity"`
		Unit     string             `json:"unit"`
		Samples  []float64          `json:"samples"`
		Counters map[string]float64 `json:"counters"`
	} `json:"series"`
	Affinity       string `json:"affinity"`
	ProcessorCount int    `json:"processor_count"`
	Runtime        string `json:"runtime"`
}

// parseResult checks the one BENCH-RESULT line the protocol allows and decodes it strictly; the child ran
// with this test's affinity.
func parseResult(t *testing.T, out childRun) result {
	t.Helper()
	return parseResultOn(t, out, affinity())
}

// parseResultOn is parseResult for a child that may run on `cpus`.
func parseResultOn(t *testing.T, out childRun, cpus []int) result {
	t.Helper()
	if out.exitCode != 0 {
		t.Fatalf("exit %d: %s", out.exitCode, out.stdout)
	}
	var lines []string
	for _, line := range strings.Split(out.stdout, "\n") {
		if strings.HasPrefix(line, "BENCH-RESULT ") {
			lines = append(lines, line)
		}
	}
	if len(lines) != 1 {
		t.Fatalf("expected one BENCH-RESULT line, got %d in %q", len(lines), out.stdout)
	}
	decoder := json.NewDecoder(strings.NewReader(strings.TrimPrefix(lines[0], "BENCH-RESULT ")))
	decoder.DisallowUnknownFields()
	var r result
	if err := decoder.Decode(&r); err != nil {
		t.Fatalf("the result line does not parse: %v", err)
	}
	if want := joinCPUs(cpus); r.Affinity != want {
		t.Errorf("affinity %q, want %q", r.Affinity, want)
	}
	if r.ProcessorCount != len(cpus) {
		t.Errorf("processor_count %d, want GOMAXPROCS = %d CPUs in the mask", r.ProcessorCount, len(cpus))
	}
	return r
}

// quantities checks the quantities' names, order, units and samples, and returns them by name.
func quantities(t *testing.T, r result, want [][2]string) map[string][]float64 {
	t.Helper()
	got := map[string][]float64{}
	var names, wantNames []string
	for _, s := range r.Series {
		names = append(names, s.Quantity)
		got[s.Quantity] = s.Samples
		for name := range s.Counters {
			if name != "voluntary_switches" && name != "involuntary_switches" {
				t.Errorf("%s: unknown counter %s", s.Quantity, name)
			}
		}
		for _, v := range s.Samples {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("%s: non-finite sample", s.Quantity)
			}
		}
	}
	units := map[string]string{}
	for _, s := range r.Series {
		units[s.Quantity] = s.Unit
	}
	for _, w := range want {
		if _, ok := got[w[0]]; ok {
			wantNames = append(wantNames, w[0])
			if units[w[0]] != w[1] {
				t.Errorf("%s: unit %q, want %q", w[0], units[w[0]], w[1])
			}
		}
	}
	if fmt.Sprint(names) != fmt.Sprint(wantNames) {
		t.Errorf("quantities %v, want %v in that order", names, want)
	}
	return got
}

func ns(names ...string) [][2]string {
	var out [][2]string
	for _, n := range names {
		out = append(out, [2]string{n, "ns"})
	}
	return out
}

func TestEveryTimedShape_ReportsItsQuantitiesPerSample(t *testing.T) {
	cases := []struct {
		name, fields string
		want         [][2]string
	}{
		{"spawn-join", `"metric":"creation","shape":"spawn-join","units":50,"idle_runs":3,"idle_pause_us":1000`, ns("total", "spawn", "join", "batches-of-20", "one-at-a-time", "first-run", "first-run-each", "first-run-idle")},
		{"brigade", `"metric":"switch","shape":"brigade","units":20,"rounds":3`, ns("net", "raw", "baseline")},
		{"brigade-pipe", `"metric":"switch","shape":"brigade-pipe","units":20,"rounds":3`, ns("net", "raw", "baseline")},
		{"brigade-mem", `"metric":"switch","shape":"brigade-mem","units":20,"rounds":3`, ns("raw")},
		{"pingpong", `"metric":"switch","shape":"pingpong","round_trips":200`, ns("switch", "round-trip-each")},
		{"yield", `"metric":"switch","shape":"yield","units":10,"yields":20`, ns("yield")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := quantities(t, parseResult(t, runPeer(t, "{"+common+","+c.fields+"}", nil, nil)), c.want)
			if len(got) != len(c.want) {
				t.Fatalf("%d quantities, want %d", len(got), len(c.want))
			}
			for name, samples := range got {
				want := 2
				switch name {
				case "first-run-each":
					want = 2 * 50 // every unit of each sample's one-at-a-time pass
				case "round-trip-each":
					want = 200 // every round trip of the one timed pass after the samples
				}
				if len(samples) != want {
					t.Errorf("%s: %d samples, want %d", name, len(samples), want)
				}
				for _, v := range samples {
					if v <= 0 && name != "net" {
						t.Errorf("%s: a time of %v ns", name, v)
					}
				}
			}
			for i, net := range got["net"] {
				if diff := net - (got["raw"][i] - got["baseline"][i]); math.Abs(diff) > 1e-6*got["raw"][i] {
					t.Errorf("net %v is not raw %v minus baseline %v", net, got["raw"][i], got["baseline"][i])
				}
			}
		})
	}
}

func TestMemoryShapes_ReadWithEveryUnitAlive(t *testing.T) {
	for _, c := range []struct{ shape, touch string }{{"parked", "0"}, {"parked-touch", "1024"}} {
		t.Run(c.shape, func(t *testing.T) {
			fields := fmt.Sprintf(`"metric":"memory","shape":"%s","units":3000,"touch_bytes":%s,"stack_bytes":0`, c.shape, c.touch)
			got := quantities(t, parseResult(t, runPeer(t, "{"+common+","+fields+"}", nil, nil)),
				[][2]string{{"rss", "B"}, {"pss", "B"}, {"page-tables", "B"}, {"kernel", "B"}, {"kernel-system", "B"}, {"threads", "threads"},
					{"spawn-alive", "ns"}})
			if len(got) != 7 {
				t.Fatalf("%d quantities, want 7", len(got))
			}
			for name, samples := range got {
				if len(samples) != 1 {
					t.Errorf("%s: %d samples, want one reading", name, len(samples))
				}
			}
			// 3,000 parked goroutines hold at least their 2 KiB minimum stacks: the reading saw them alive.
			if rss := got["rss"][0]; rss < 3000*2048 {
				t.Errorf("rss grew by %v bytes with 3000 goroutines parked", rss)
			}
			if alive := got["spawn-alive"][0]; !(alive > 0) {
				t.Errorf("spawn-alive %v ns per unit", alive)
			}
		})
	}
}

func TestStall_ObservesEveryTickOfEveryProbe(t *testing.T) {
	for _, block := range []string{"sleep", "spin", "wait"} {
		t.Run(block, func(t *testing.T) {
			fields := fmt.Sprintf(`"metric":"stall","shape":"stall","probes":2,"offenders":2,"block":"%s","hold_us":500,"window_ms":40,"tick_us":1000`, block)
			got := quantities(t, parseResult(t, runPeer(t, "{"+common+","+fields+"}", nil, nil)),
				[][2]string{{"lateness-baseline", "ns"}, {"lateness", "ns"}, {"hold", "ns"}, {"holds", "holds"}})
			perPhase := 2 * 40 * 1000 / 1000 // probes x window / tick: both baseline phases, and both offended ones
			for _, q := range []string{"lateness-baseline", "lateness"} {
				if len(got[q]) != perPhase {
					t.Errorf("%s: %d observations, want %d (every tick of every probe)", q, len(got[q]), perPhase)
				}
				// A probe runs after the ticker woke at the deadline: never before it, on one clock (1 µs for the
				// error of putting Go's clock on the kernel's).
				for _, late := range got[q] {
					if late < -1000 {
						t.Errorf("%s: a probe ran %v ns before its tick's deadline", q, -late)
						break
					}
				}
			}
			if len(got["holds"]) != 1 || int(got["holds"][0]) != len(got["hold"]) {
				t.Errorf("holds %v does not count the %d holds measured", got["holds"], len(got["hold"]))
			}
		})
	}
}

const pingpong = `"metric":"switch","shape":"pingpong","round_trips":50`

func TestPinned_RunsUnderTasksetAndFailsWithoutIt(t *testing.T) {
	pinned := "{" + strings.Replace(common, `"pinned":false`, `"pinned":true`, 1) + "," + pingpong + "}"
	if _, err := exec.LookPath("taskset"); err != nil {
		t.Skip("taskset is not installed")
	}
	cpu := affinity()[0]
	parseResultOn(t, runPeer(t, pinned, nil, nil, "taskset", "-c", fmt.Sprint(cpu)), []int{cpu})
	if len(affinity()) > 1 {
		out := runPeer(t, pinned, nil, nil)
		if out.exitCode != 3 || !strings.HasPrefix(out.stdout, "BENCH-FAILURE ") || !strings.Contains(out.stdout, "pinned") {
			t.Errorf("pinned with %d CPUs: exit %d, %q", len(affinity()), out.exitCode, out.stdout)
		}
	}
}

func TestParentWatch_ExitsOnEofAndRunsWhileStdinIsOpen(t *testing.T) {
	devNull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devNull.Close()
	long := "{" + common + `,"metric":"switch","shape":"pingpong","round_trips":1000000000}`
	started := time.Now()
	if out := runPeer(t, long, []string{"BENCH_PARENT_PIPE=stdin"}, devNull); out.exitCode != parentGoneExitCode || time.Since(started) > 20*time.Second {
		t.Errorf("parent gone: exit %d after %v, want %d at once", out.exitCode, time.Since(started), parentGoneExitCode)
	}
	reader, writer, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close() // held open, never written: a parent that is still there
	defer reader.Close()
	parseResult(t, runPeer(t, "{"+common+","+pingpong+"}", []string{"BENCH_PARENT_PIPE=stdin"}, reader))
}

func TestMalformedSpecs_AreRefusedWithExit2(t *testing.T) {
	good := "{" + common + "," + pingpong + "}"
	replace := func(old, new string) string { return strings.Replace(good, old, new, 1) }
	specs := []string{
		"not json",
		`{"protocol":2`,
		strings.TrimSuffix(good, "}") + `,"extra":1}`,
		replace(`,"round_trips":50`, ""),
		replace(`"round_trips":50`, `"round_trips":"50"`),
		replace(`"round_trips":50`, `"round_trips":5.5`),
		replace(`"round_trips":50`, `"round_trips":0`),
		replace(`"round_trips":50`, `"round_trips":99999999999999999999999`),
		replace(`"round_trips":50`, `"round_trips":[50]`),
		replace(`"pinned":false`, `"pinned":0`),
		replace(`"protocol":2`, `"protocol":1`),
		replace(`"model":"go"`, `"model":"c-thread"`),
		replace(`"shape":"pingpong"`, `"shape":"stall-offload"`),
		replace(`"metric":"switch"`, `"metric":"memory"`),
		strings.TrimSuffix(good, "}") + `,"round_trips":51}`,
		good + " trailing",
		"{" + common + `,"metric":"memory","shape":"parked-small-stack","units":10,"touch_bytes":0,"stack_bytes":65536}`,
		"{" + common + `,"metric":"memory","shape":"parked","units":10,"touch_bytes":0,"stack_bytes":65536}`,
		"{" + common + `,"metric":"memory","shape":"parked","units":10,"touch_bytes":512,"stack_bytes":0}`,
	}
	for _, spec := range specs {
		out := runPeer(t, spec, nil, nil)
		if out.exitCode != 2 || !strings.HasPrefix(out.stdout, "BENCH-FAILURE bad spec: ") || strings.Count(out.stdout, "\n") != 1 {
			t.Errorf("spec %s: exit %d, %q", spec, out.exitCode, out.stdout)
		}
	}
}
