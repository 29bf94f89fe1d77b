package main

// parked, parked-touch: N goroutines alive and parked at once. Each counts itself started, (with touch_bytes
// 1024) fills 1 KiB of state in a local array that it keeps across the wait, so it lives on the goroutine's
// own stack, receives from one gate channel, checks its state and counts itself finished. Memory is read after
// every goroutine has started and before the gate closes, and the counters prove it: started == N and
// finished == 0 at the reading, finished == N after the wait. A small pass of min(N, 100) runs first.
//
// spawn-alive times the creation of the N units with all of them alive: from just before the first `go`
// statement to the moment the last goroutine counted itself started (that goroutine reads the clock, so the
// driver's 1 ms polling adds nothing), per unit; before any memory reading.

import (
	"sync"
	"sync/atomic"
	"time"
)

const touchWords = 1024 / 8

// startTimeout is how long the units get to start, as the .NET child allows.
const startTimeout = 2 * time.Minute

type parking struct {
	units                        int64
	gate                         chan struct{}
	started, finished, corrupted atomic.Int64
	// allStartedAt is the clock when the last of the units counted itself started (0 until then).
	allStartedAt atomic.Int64
	done         sync.WaitGroup
}

// countStarted counts the calling goroutine started; the last one reads the clock.
func (p *parking) countStarted() {
	if p.started.Add(1) == p.units {
		p.allStartedAt.Store(nowNs())
	}
}

func (p *parking) parkPlain() {
	defer p.done.Done()
	p.countStarted()
	<-p.gate
	p.finished.Add(1)
}

func (p *parking) parkTouching() {
	defer p.done.Done()
	var state [touchWords]uint64
	for i := range state {
		state[i] = uint64(i) * 0x0101010101010101
	}
	p.countStarted()
	<-p.gate
	for i := range state {
		if state[i] != uint64(i)*0x0101010101010101 {
			p.corrupted.Add(1)
		}
	}
	p.finished.Add(1)
}

// park parks `units` goroutines and reads memory before and while they are all parked; spawnAlive is the
// nanoseconds per unit from the first spawn until every unit had started.
func park(units int64, touch bool) (before, parked procMemory, spawnAlive float64) {
	p := &parking{units: units, gate: make(chan struct{})}
	before = readProcMemory()
	p.done.Add(int(units))
	spawnAt := nowNs()
	for i := int64(0); i < units; i++ {
		if touch {
			go p.parkTouching()
		} else {
			go p.parkPlain()
		}
	}
	deadline := time.Now().Add(startTimeout)
	for p.started.Load() < units {
		if time.Now().After(deadline) {
			fail("only %d of %d units started within %v", p.started.Load(), units, startTimeout)
		}
		time.Sleep(time.Millisecond)
	}
	parked = readProcMemory()
	started, finished := p.started.Load(), p.finished.Load()
	close(p.gate)
	p.done.Wait()
	if started != units || finished != 0 || p.finished.Load() != units {
		fail("units were not all parked at the reading: started %d, finished %d, finished after join %d of %d",
			started, finished, p.finished.Load(), units)
	}
	if p.corrupted.Load() != 0 {
		fail("a parked unit's state was corrupted")
	}
	return before, parked, float64(p.allStartedAt.Load()-spawnAt) / float64(units)
}

func runParked(spec *Spec, report *Report) {
	touch := spec.TouchBytes != 0
	park(min64(spec.Units, 100), touch)
	b, p, spawnAlive := park(spec.Units, touch)
	report.Add("rss", "B").Add(p.rss - b.rss)
	report.Add("pss", "B").Add(p.pss - b.pss)
	report.Add("page-tables", "B").Add(p.pageTables - b.pageTables)
	report.Add("kernel", "B").Add(kernelEstimate(b, p))
	report.Add("kernel-system", "B").Add((p.systemKernelStack - b.systemKernelStack) + (p.systemPageTables - b.systemPageTables) +
		(p.systemSlabUnreclaimable - b.systemSlabUnreclaimable))
	report.Add("threads", "threads").Add(p.threads - b.threads)
	report.Add("spawn-alive", "ns").Add(spawnAlive)
}

func min64(a, b int64) int64 {
	if a < b {
		return a
	}
	return b
}
