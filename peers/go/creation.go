package main

// spawn-join: spawn N goroutines that each set one flag, then wait for them all (total, the spawn loop, the
// wait, per unit); then Blandy's shape, N goroutines in batches of 20, each batch started then waited for (per
// unit); then N goroutines started one at a time back to back, each waited for before the next: from just
// before the `go` statement to the goroutine's first instruction (first-run: the median; first-run-each: every
// value) and to the wait returning (one-at-a-time: the median); then the first-run delay of idle_runs
// goroutines each started idle_pause_us after the previous one finished (its median). One sample of each per
// sample, in that order, as harness/Harness/Workloads/CreationWorkload.cs measures them.
//
// Go has no handle to join a goroutine: the idiomatic wait for N of them is a sync.WaitGroup, so "join" is
// one wg.Wait() for the batch, its time divided by N.

import (
	"sort"
	"sync"
	"sync/atomic"
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

// blandyBatch is the batch of Blandy's thread-creation benchmark, as the .NET child uses it.
const blandyBatch = 20

// inBatches starts max(1, units/batch) batches of `batch` goroutines that each count themselves, waiting for
// each batch before the next; nanoseconds per goroutine. Goroutines of a batch overlap: a throughput.
func inBatches(units, batch int64) float64 {
	batches := units / batch
	if batches < 1 {
		batches = 1
	}
	var ran atomic.Int64
	var wg sync.WaitGroup
	count := func() {
		ran.Add(1)
		wg.Done()
	}
	start := nowNs()
	for b := int64(0); b < batches; b++ {
		wg.Add(int(batch))
		for i := int64(0); i < batch; i++ {
			go count()
		}
		wg.Wait()
	}
	end := nowNs()
	if ran.Load() != batches*batch {
		fail("only %d of %d units ran", ran.Load(), batches*batch)
	}
	return float64(end-start) / float64(batches*batch)
}

// oneAtATime starts `count` goroutines one at a time, each after the previous one finished and `pause`
// passed; for each, nanoseconds from just before the `go` statement to its first instruction, and to the
// wait for it returning.
func oneAtATime(count int64, pause time.Duration) (firstRun, joined []float64) {
	firstRun, joined = make([]float64, count), make([]float64, count)
	for i := range firstRun {
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
		joinedAt := nowNs()
		if ranAt == 0 {
			fail("first-run unit %d was joined but never ran", i)
		}
		firstRun[i] = float64(ranAt - spawnAt)
		joined[i] = float64(joinedAt - spawnAt)
	}
	return firstRun, joined
}

// median is the middle value (the upper one of an even count, as the .NET child takes it) of `values`, which
// it sorts in place.
func median(values []float64) float64 {
	sort.Float64s(values)
	return values[len(values)/2]
}

func runCreation(spec *Spec, report *Report) {
	c := &creation{units: int(spec.Units), ran: make([]bool, spec.Units)}
	idlePause := time.Duration(spec.IdlePauseUs) * time.Microsecond
	warmUp(spec, func() {
		c.spawnJoin()
		oneAtATime(spec.Units, 0)
	})
	oneAtATime(2, idlePause)

	total, spawn, join := report.Add("total", "ns"), report.Add("spawn", "ns"), report.Add("join", "ns")
	batched, single := report.Add("batches-of-20", "ns"), report.Add("one-at-a-time", "ns")
	first, each, idle := report.Add("first-run", "ns"), report.Add("first-run-each", "ns"), report.Add("first-run-idle", "ns")
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
		batched.Add(inBatches(spec.Units, blandyBatch))
		settle()
		firstRun, joined := oneAtATime(spec.Units, 0)
		for _, delay := range firstRun {
			each.Add(delay)
		}
		single.Add(median(joined))
		first.Add(median(firstRun))
		idleFirstRun, _ := oneAtATime(spec.IdleRuns, idlePause)
		idle.Add(median(idleFirstRun))
	}
	tally.attach(total)
}
