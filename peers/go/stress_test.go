package main

// Stress of the handoff shapes: many runs at random sizes, pinned to one CPU or not at random, so that the
// relays' stop protocol, the hop counts and the crossing checks meet many interleavings. The peer fails a run
// itself (exit 3) when a hop, a crossing or a yield is missing.

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"
)

func TestHandoffShapes_AtRandomSizesAndPinning_CountEveryHop(t *testing.T) {
	seed := time.Now().UnixNano()
	random := rand.New(rand.NewSource(seed))
	t.Logf("seed %d", seed)
	cpus := affinity()
	for i := 0; i < 6; i++ {
		units, rounds, samples := 1+random.Intn(300), 1+random.Intn(20), 1+random.Intn(3)
		shapes := []string{
			fmt.Sprintf(`"metric":"switch","shape":"brigade","units":%d,"rounds":%d`, units, rounds),
			fmt.Sprintf(`"metric":"switch","shape":"brigade-pipe","units":%d,"rounds":%d`, units, rounds),
			fmt.Sprintf(`"metric":"switch","shape":"brigade-mem","units":%d,"rounds":%d`, units, rounds),
			fmt.Sprintf(`"metric":"switch","shape":"pingpong","round_trips":%d`, 1+random.Intn(5000)),
			fmt.Sprintf(`"metric":"switch","shape":"yield","units":%d,"yields":%d`, 1+random.Intn(100), 1+random.Intn(100)),
		}
		for _, fields := range shapes {
			pinned := random.Intn(2) == 0
			spec := fmt.Sprintf(`{"protocol":2,"model":"go","pinned":%t,"warmup":%d,"warmup_ms":0,"samples":%d,%s}`,
				pinned, random.Intn(2), samples, fields)
			if pinned {
				cpu := cpus[random.Intn(len(cpus))]
				parseResultOn(t, runPeer(t, spec, nil, nil, "taskset", "-c", fmt.Sprint(cpu)), []int{cpu})
			} else {
				r := parseResult(t, runPeer(t, spec, nil, nil))
				if n := len(r.Series[0].Samples); n != samples {
					t.Errorf("%s: %d samples, want %d", strings.SplitN(fields, ",", 3)[1], n, samples)
				}
			}
		}
	}
}
