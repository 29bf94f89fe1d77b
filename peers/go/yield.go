package main

// yield: U goroutines each call runtime.Gosched `yields` times, all at once. Every goroutine is started and
// has counted itself ready (it then waits on a closed-to-open gate channel) before the clock starts; the clock
// runs from opening the gate to the end of the wait for all, and the yields counted must be U * yields.

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// storm runs one storm and returns nanoseconds per yield.
func storm(units, yields int64) float64 {
	start := make(chan struct{})
	counts := make([]int64, units) // counts[i] is written only by goroutine i and read after the wait
	var ready atomic.Int64
	var done sync.WaitGroup
	done.Add(int(units))
	for i := int64(0); i < units; i++ {
		go func(i int64) {
			defer done.Done()
			ready.Add(1)
			<-start
			for y := int64(0); y < yields; y++ {
				runtime.Gosched()
				counts[i]++
			}
		}(i)
	}
	for ready.Load() < units {
		runtime.Gosched()
	}
	begin := nowNs()
	close(start)
	done.Wait()
	elapsed := nowNs() - begin
	var total int64
	for _, n := range counts {
		total += n
	}
	if total != units*yields {
		fail("%d yields counted, expected %d", total, units*yields)
	}
	return float64(elapsed) / float64(total)
}

func runYield(spec *Spec, report *Report) {
	warmUp(spec, func() { storm(spec.Units, spec.Yields) })
	perYield := report.Add("yield", "ns")
	var tally counterTally
	for s := int64(0); s < spec.Samples; s++ {
		settle()
		tally.begin()
		perYield.Add(storm(spec.Units, spec.Yields))
		tally.end(float64(spec.Units * spec.Yields))
	}
	tally.attach(perYield)
}
