package main

// stall: P probe goroutines wait on their channels; a ticker goroutine locked to its own OS thread, with
// absolute deadlines every tick_us (clock_nanosleep, timer slack 1 ns), sends each probe every tick, and the
// probe notes when it ran. Lateness is the time from a tick's scheduled deadline to its probe running, so it
// includes any wait of the ticker itself for a P after its sleep: in Go every thread that runs Go code needs
// one. The run has four phases of window_ms / 2, by deadline: baseline, offended, offended, baseline
// (counterbalanced). In the offended phases `offenders` goroutines each hold their worker for hold_us at a
// time, calling runtime.Gosched only between holds:
//   - sleep: a blocking nanosleep system call (the runtime hands the P to another thread when it lasts);
//   - spin: a busy loop on the clock (the runtime preempts a goroutine that runs for 10 ms, since Go 1.14);
//   - wait: a receive on a channel the hold timer's thread sends to after hold_us (waiting on an event in Go
//     parks the goroutine and frees its worker; Go has no blocking wait that keeps the worker).
// An offender starts no hold that would end after the offended phases, so no hold leaks into the second
// baseline. Every tick is observed, including ticks that queue in a probe's channel while it is held off.

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// extraTicks is room in the tick arrays beyond the window's own ticks.
const extraTicks = 1000

type stall struct {
	spec                      *Spec
	holdNs, periodNs, phaseNs int64
	// The run's start and its phase boundaries, on CLOCK_MONOTONIC; set when a run starts.
	startNs, offendedFrom, offendedUntil, endNs int64
	capacity                                    int64
	// deadline[k] is written by the ticker before it sends tick k; received[p][k] only by probe p.
	deadline []int64
	received [][]int64
	toProbe  []chan int64
	// ticks is written by the ticker and read after it finished.
	ticks         int64
	stopOffenders atomic.Bool
	timer         *holdTimer
	// holds[o] is written only by offender o and read after the wait.
	holds [][]float64
}

func newStall(spec *Spec, windowMs, holdUs int64) *stall {
	s := &stall{spec: spec, holdNs: holdUs * 1000, periodNs: spec.TickUs * 1000}
	s.capacity = windowMs*2000/spec.TickUs + extraTicks
	s.deadline = make([]int64, s.capacity)
	s.phaseNs = windowMs * 1000000 / 2
	for p := int64(0); p < spec.Probes; p++ {
		s.received = append(s.received, make([]int64, s.capacity))
	}
	return s
}

func (s *stall) probe(p int, done *sync.WaitGroup) {
	defer done.Done()
	for tick := range s.toProbe[p] {
		if tick == stopToken {
			return
		}
		s.received[p][tick] = nowNs()
	}
}

func (s *stall) tick(done chan<- struct{}) {
	runtime.LockOSThread()
	defer close(done)
	usePreciseTimers()
	for next := s.startNs + s.periodNs; next <= s.endNs && s.ticks < s.capacity; next += s.periodNs {
		sleepUntilNs(next)
		s.deadline[s.ticks] = next
		for _, probe := range s.toProbe {
			probe <- s.ticks
		}
		s.ticks++
	}
}

func (s *stall) hold(wake chan struct{}) {
	switch s.spec.Block {
	case BlockSleep:
		nanosleep(s.holdNs)
	case BlockSpin:
		for end := nowNs() + s.holdNs; nowNs() < end; {
		}
	case BlockWait:
		s.timer.wakeAt(nowNs()+s.holdNs, wake)
		<-wake
	}
}

func (s *stall) offend(o int, done *sync.WaitGroup) {
	defer done.Done()
	wake := make(chan struct{}, 1)
	for !s.stopOffenders.Load() {
		if s.spec.Block == BlockSleep {
			usePreciseTimers() // on whichever thread runs this goroutine now
		}
		before := nowNs()
		if before+s.holdNs > s.offendedUntil {
			return
		}
		s.hold(wake)
		if after := nowNs(); after <= s.offendedUntil {
			s.holds[o] = append(s.holds[o], float64(after-before))
		}
		runtime.Gosched()
	}
}

// run is the measured part: probes, ticker and offenders over the four phases.
func (s *stall) run() {
	spec := s.spec
	s.ticks = 0
	s.stopOffenders.Store(false)
	s.holds = make([][]float64, spec.Offenders)
	s.toProbe = nil
	var probes, offenders sync.WaitGroup
	for p := range s.received {
		for k := range s.received[p] {
			s.received[p][k] = 0
		}
		s.toProbe = append(s.toProbe, make(chan int64, s.capacity+1))
	}
	probes.Add(len(s.received))
	for p := range s.received {
		go s.probe(p, &probes)
	}
	if spec.Block == BlockWait {
		s.timer = startHoldTimer()
	}
	s.startNs = nowNs()
	s.offendedFrom, s.offendedUntil, s.endNs = s.startNs+s.phaseNs, s.startNs+3*s.phaseNs, s.startNs+4*s.phaseNs
	tickerDone := make(chan struct{})
	go s.tick(tickerDone)
	time.Sleep(time.Duration(s.offendedFrom - nowNs()))
	offenders.Add(int(spec.Offenders))
	for o := 0; o < int(spec.Offenders); o++ {
		go s.offend(o, &offenders)
	}
	time.Sleep(time.Duration(s.offendedUntil - nowNs()))
	s.stopOffenders.Store(true)
	offenders.Wait()
	if s.timer != nil {
		s.timer.close()
	}
	<-tickerDone
	for _, probe := range s.toProbe {
		probe <- stopToken
	}
	probes.Wait()
}

func (s *stall) collect(report *Report) {
	baseline, offended := report.Add("lateness-baseline", "ns"), report.Add("lateness", "ns")
	from, until := s.offendedFrom, s.offendedUntil
	for k := int64(0); k < s.ticks; k++ {
		at := s.deadline[k]
		for p := range s.received {
			if s.received[p][k] == 0 {
				fail("probe %d never received tick %d of %d", p, k, s.ticks)
			}
			late := float64(s.received[p][k] - at)
			if at >= from && at < until {
				offended.Add(late)
			} else {
				baseline.Add(late)
			}
		}
	}
	if len(baseline.Samples) < 10 || len(offended.Samples) == 0 {
		fail("too few probe observations: %d baseline, %d while offended", len(baseline.Samples), len(offended.Samples))
	}
	var holds []float64
	for _, h := range s.holds {
		holds = append(holds, h...)
	}
	if len(holds) > 0 { // a quantity that could not be measured is left out
		series := report.Add("hold", "ns")
		for _, h := range holds {
			series.Add(h)
		}
	}
	report.Add("holds", "holds").Add(float64(len(holds)))
}

func runStall(spec *Spec, report *Report) {
	// Warm-up runs: 30 ms windows whose offenders hold for 1 µs, so code and caches warm without a real stall.
	warm := newStall(spec, 30, 1)
	until := time.Now().Add(time.Duration(min64(spec.WarmupMs, 500)) * time.Millisecond)
	for i := int64(0); i < spec.Warmup || time.Now().Before(until); i++ {
		warm.run()
	}
	settle()
	s := newStall(spec, spec.WindowMs, spec.HoldUs)
	s.run()
	s.collect(report)
}
