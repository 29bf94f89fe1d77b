package main

// brigade-mem: Blandy's in-memory brigade. U goroutines chained by U+1 channels of capacity 1 pass an integer
// counter: the driver sends it into channel 0, goroutine i receives from channel i and sends counter+1 into
// channel i+1, the driver receives it from channel U and checks it grew by exactly U. A round is U+1
// transfers. Shutdown as in brigade.go: a relay reads the stop flag right after receiving, forwards once more
// and returns.

import (
	"sync"
	"sync/atomic"
)

type chain struct {
	units    int
	channels []chan int64
	// forwarded[i] is written only by relay i and read after the wait.
	forwarded []int64
	// stopping is raised by the driver before the stop round's counter; read by each relay right after it receives.
	stopping    atomic.Bool
	done        sync.WaitGroup
	nextCounter int64
	roundsDone  int64
}

func (c *chain) forward(i int) {
	defer c.done.Done()
	in, out := c.channels[i], c.channels[i+1]
	for {
		counter := <-in
		last := c.stopping.Load()
		out <- counter + 1
		c.forwarded[i]++
		if last {
			return
		}
	}
}

func (c *chain) round() {
	sent := c.nextCounter
	c.nextCounter += 1000000 // each round's counter differs from the last round's
	c.channels[0] <- sent
	if back := <-c.channels[c.units]; back != sent+int64(c.units) {
		fail("the counter came back as %d, expected %d: a unit skipped a hop", back, sent+int64(c.units))
	}
}

func (c *chain) runRounds(rounds int64) float64 {
	start := nowNs()
	for r := int64(0); r < rounds; r++ {
		c.round()
	}
	elapsed := nowNs() - start
	c.roundsDone += rounds
	return float64(elapsed) / float64(int64(c.units+1)*rounds)
}

func runBrigadeMem(spec *Spec, report *Report) {
	c := &chain{units: int(spec.Units), forwarded: make([]int64, spec.Units)}
	for l := 0; l <= c.units; l++ {
		c.channels = append(c.channels, make(chan int64, 1))
	}
	c.done.Add(c.units)
	for i := 0; i < c.units; i++ {
		go c.forward(i)
	}

	warmUp(spec, func() { c.runRounds(spec.Rounds) })
	raw := report.Add("raw", "ns")
	var tally counterTally
	for s := int64(0); s < spec.Samples; s++ {
		settle()
		tally.begin()
		raw.Add(c.runRounds(spec.Rounds))
		tally.end(float64(int64(c.units+1) * spec.Rounds))
	}
	tally.attach(raw)

	c.stopping.Store(true)
	c.round()
	c.done.Wait()
	checkEveryHop(c.forwarded, c.roundsDone, "counters")
}
