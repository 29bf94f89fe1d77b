package main

// spawn-join: spawn N goroutines that each set one flag, then wait for them all (total, the spawn loop, the
// wait, per unit); then the first-run delay, from just before the `go` statement to the goroutine's first
// instruction, for N goroutines started one at a time back to back and for idle_runs goroutines each started
// idle_pause_us after the previous one finished (the median of each pass is one sample).
//
// Go has no handle to join a goroutine: the idiomatic wait for N of them is a sync.WaitGroup, so "join" is
// one wg.Wait() for the batch, its time divided by N.

import (
	"sort"
	"sync"
	"time"
)

type creation struct {
	units int
	// ran[i] is written only by goroutine i and read after the wait.
	ran []bool
}

func (c *creation) setFlag(i int, wg *sync.WaitGroup) {
	c.ran[i] = true
	wg.Done()
}

// spawnJoin returns the per-unit total, spawn and join times of one batch.
func (c *creation) spawnJoin() (total, spawn, join float64) {
	for i := range c.ran {
		c.ran[i] = false
	}
	var wg sync.WaitGroup
	start := nowNs()
	wg.Add(c.units)
	for i := 0; i < c.units; i++ {
		go c.setFlag(i, &wg)
	}
	spawned := nowNs()
	wg.Wait()
	joined := nowNs()
	for i, ran := range c.ran {
		if !ran {
			fail("unit %d of %d was joined but never set its flag", i, c.units)
		}
	}
	n := float64(c.units)
	return float64(joined-start) / n, float64(spawned-start) / n, float64(joined-spawned) / n
}

// firstRunMedian is the median delay from the `go` statement to the goroutine's first instruction over
// `count` goroutines started one at a time, each after the previous one finished and `pause` passed.
func firstRunMedian(count int64, pause time.Duration) float64 {
	delays := make([]float64, count)
	for i := range delays {
		if pause > 0 {
			time.Sleep(pause)
		}
		var ranAt int64
		var wg sync.WaitGroup
		wg.Add(1)
		spawnAt := nowNs()
		go func() {
			ranAt = nowNs()
			wg.Done()
		}()
		wg.Wait()
		if ranAt == 0 {
			fail("first-run unit %d was joined but never ran", i)
		}
		delays[i] = float64(ranAt - spawnAt)
	}
	return median(delays)
}

func median(values []float64) float64 {
	sort.Float64s(values)
	n := len(values)
	if n%2 == 1 {
		return values[n/2]
	}
	return (values[n/2-1] + values[n/2]) / 2
}

func runCreation(spec *Spec, report *Report) {
	c := &creation{units: int(spec.Units), ran: make([]bool, spec.Units)}
	idlePause := time.Duration(spec.IdlePauseUs) * time.Microsecond
	warmUp(spec, func() {
		c.spawnJoin()
		firstRunMedian(spec.Units, 0)
	})
	firstRunMedian(2, idlePause)

	total, spawn, join := report.Add("total", "ns"), report.Add("spawn", "ns"), report.Add("join", "ns")
	first, idle := report.Add("first-run", "ns"), report.Add("first-run-idle", "ns")
	var tally counterTally
	for s := int64(0); s < spec.Samples; s++ {
		settle()
		tally.begin()
		t, sp, j := c.spawnJoin()
		tally.end(float64(spec.Units))
		total.Add(t)
		spawn.Add(sp)
		join.Add(j)
		settle()
		first.Add(firstRunMedian(spec.Units, 0))
		idle.Add(firstRunMedian(spec.IdleRuns, idlePause))
	}
	tally.attach(total)
}
