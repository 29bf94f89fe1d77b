package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"runtime"
	"strings"
)

// Counters are OS context switches per operation over a quantity's samples (getrusage(RUSAGE_SELF)).
type Counters struct {
	VoluntarySwitches   float64 `json:"voluntary_switches"`
	InvoluntarySwitches float64 `json:"involuntary_switches"`
}

// Series is one quantity of a shape with its samples (finite numbers only).
type Series struct {
	Quantity string    `json:"quantity"`
	Unit     string    `json:"unit"`
	Samples  []float64 `json:"samples"`
	Counters *Counters `json:"counters,omitempty"`
}

// Add appends one sample; a non-finite sample is a failure of the scenario, never sent.
func (s *Series) Add(sample float64) {
	if math.IsNaN(sample) || math.IsInf(sample, 0) {
		fail("quantity %s measured a non-finite sample", s.Quantity)
	}
	s.Samples = append(s.Samples, sample)
}

// Report is the child's answer: the quantities of its shape in the table's order.
type Report struct {
	Series []*Series
}

// Add adds an empty quantity and returns it.
func (r *Report) Add(quantity, unit string) *Series {
	s := &Series{Quantity: quantity, Unit: unit, Samples: []float64{}}
	r.Series = append(r.Series, s)
	return s
}

// Print writes the BENCH-RESULT line.
func (r *Report) Print(cpus []int) {
	line, err := json.Marshal(struct {
		Series         []*Series `json:"series"`
		Affinity       string    `json:"affinity"`
		ProcessorCount int       `json:"processor_count"`
		Runtime        string    `json:"runtime"`
	}{r.Series, joinCPUs(cpus), runtime.GOMAXPROCS(0), "Go " + runtime.Version() + " (" + runtime.Compiler + ")"})
	if err != nil {
		fail("formatting the result: %v", err)
	}
	fmt.Printf("BENCH-RESULT %s\n", line)
}

// fail prints `BENCH-FAILURE <message>` and exits 3, from any goroutine.
func fail(format string, args ...any) {
	message := strings.NewReplacer("\n", " ", "\r", " ").Replace(fmt.Sprintf(format, args...))
	fmt.Printf("BENCH-FAILURE %s\n", message)
	os.Exit(3)
}
