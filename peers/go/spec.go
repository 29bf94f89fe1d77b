package main

// Checking a scenario spec against peers/PROTOCOL.md sections 1 and 2. Order: the JSON itself (one flat
// object, no duplicate keys, nothing after it), the protocol version (a child of another version must not
// guess at the rest), the shape and its metric, the model, then every key: unknown, missing, type, range.
// The first problem found is the one reported.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Shape is one of the shapes of PROTOCOL.md section 2 that the go model runs.
type Shape string

const (
	ShapeSpawnJoin   Shape = "spawn-join"
	ShapeBrigade     Shape = "brigade"
	ShapeBrigadePipe Shape = "brigade-pipe"
	ShapeBrigadeMem  Shape = "brigade-mem"
	ShapePingPong    Shape = "pingpong"
	ShapeYield       Shape = "yield"
	ShapeParked      Shape = "parked"
	ShapeParkedTouch Shape = "parked-touch"
	ShapeStall       Shape = "stall"
)

// modelID is the only model this peer runs.
const modelID = "go"

// shapeInfo is a shape's metric and the fields it lists.
type shapeInfo struct {
	metric string
	fields []string
}

// shapes lists what the go model runs: parked-small-stack is for thread models (a goroutine's stack is the
// runtime's to size), stall-offload and stall-detect are the green runtime's alone.
var shapes = map[Shape]shapeInfo{
	ShapeSpawnJoin:   {"creation", []string{"units", "idle_runs", "idle_pause_us"}},
	ShapeBrigade:     {"switch", []string{"units", "rounds"}},
	ShapeBrigadePipe: {"switch", []string{"units", "rounds"}},
	ShapeBrigadeMem:  {"switch", []string{"units", "rounds"}},
	ShapePingPong:    {"switch", []string{"round_trips"}},
	ShapeYield:       {"switch", []string{"units", "yields"}},
	ShapeParked:      {"memory", []string{"units", "touch_bytes", "stack_bytes"}},
	ShapeParkedTouch: {"memory", []string{"units", "touch_bytes", "stack_bytes"}},
	ShapeStall:       {"stall", []string{"probes", "offenders", "block", "hold_us", "window_ms", "tick_us"}},
}

var commonKeys = []string{"protocol", "metric", "model", "shape", "pinned", "warmup", "warmup_ms", "samples"}

// intRange bounds an integer field; the upper bounds keep a typo from asking for days of work or all memory.
type intRange struct{ min, max int64 }

var intRanges = map[string]intRange{
	"warmup": {0, 1000000}, "warmup_ms": {0, 3600000}, "samples": {1, 1000000},
	"units": {1, 1000000}, "rounds": {1, 100000000}, "idle_runs": {1, 100000}, "idle_pause_us": {0, 10000000},
	"round_trips": {1, 1000000000}, "yields": {1, 100000000}, "touch_bytes": {0, 1024}, "stack_bytes": {0, 0},
	"probes": {1, 64}, "offenders": {1, 4096}, "hold_us": {1, 10000000}, "window_ms": {2, 600000}, "tick_us": {10, 1000000},
}

// maxStallTicks bounds the ticks a stall run records per probe (two windows of window_ms).
const maxStallTicks = 10000000

// Block is how a stall offender holds its worker.
type Block string

const (
	BlockSleep Block = "sleep"
	BlockSpin  Block = "spin"
	BlockWait  Block = "wait"
)

// Spec is a checked scenario spec; the fields a shape does not list stay zero.
type Spec struct {
	Shape                                                                            Shape
	Pinned                                                                           bool
	Warmup, WarmupMs, Samples                                                        int64
	Units, Rounds, IdleRuns, IdlePauseUs, RoundTrips, Yields, TouchBytes, StackBytes int64
	Probes, Offenders, HoldUs, WindowMs, TickUs                                      int64
	Block                                                                            Block
}

// parseSpec parses and checks one spec; the error is one line saying what is wrong.
func parseSpec(text string) (*Spec, error) {
	members, order, err := parseFlatObject(text)
	if err != nil {
		return nil, fmt.Errorf("not a flat JSON object: %v", err)
	}
	if p, ok := members["protocol"]; !ok {
		return nil, errors.New("missing key 'protocol'")
	} else if n, isNumber := p.(json.Number); !isNumber || n.String() != "2" {
		return nil, fmt.Errorf("protocol %v is not supported (this child speaks protocol 2)", p)
	}
	shapeName, err := stringValue(members, "shape")
	if err != nil {
		return nil, err
	}
	info, known := shapes[Shape(shapeName)]
	if !known {
		return nil, fmt.Errorf("unknown shape '%s' for model go (spawn-join, brigade, brigade-pipe, brigade-mem, pingpong, yield, parked, parked-touch, stall)", shapeName)
	}
	if err := checkIdentity(members, Shape(shapeName), info); err != nil {
		return nil, err
	}
	if err := checkKeys(members, order, Shape(shapeName), info); err != nil {
		return nil, err
	}
	spec := &Spec{Shape: Shape(shapeName)}
	if err := spec.readValues(members); err != nil {
		return nil, err
	}
	return spec, spec.checkCombinations()
}

func checkIdentity(members map[string]any, shape Shape, info shapeInfo) error {
	metric, err := stringValue(members, "metric")
	if err != nil {
		return err
	}
	if metric != info.metric {
		return fmt.Errorf("shape %s belongs to metric %s, not '%s'", shape, info.metric, metric)
	}
	model, err := stringValue(members, "model")
	if err != nil {
		return err
	}
	if model != modelID {
		return fmt.Errorf("unknown model '%s' (this peer runs %s)", model, modelID)
	}
	return nil
}

// checkKeys refuses unknown keys (the first in the spec's own order) and missing ones.
func checkKeys(members map[string]any, order []string, shape Shape, info shapeInfo) error {
	listed := map[string]bool{}
	for _, key := range append(append([]string{}, commonKeys...), info.fields...) {
		listed[key] = true
	}
	for _, key := range order {
		if !listed[key] {
			return fmt.Errorf("unknown key '%s' for shape %s", key, shape)
		}
	}
	for _, key := range commonKeys {
		if _, ok := members[key]; !ok {
			return fmt.Errorf("missing key '%s'", key)
		}
	}
	for _, key := range info.fields {
		if _, ok := members[key]; !ok {
			return fmt.Errorf("missing key '%s' (shape %s)", key, shape)
		}
	}
	return nil
}

func (s *Spec) readValues(members map[string]any) error {
	pinned, ok := members["pinned"].(bool)
	if !ok {
		return fmt.Errorf("'pinned' must be true or false, not %v", describe(members["pinned"]))
	}
	s.Pinned = pinned
	// In the protocol's order, so that of two bad fields the same one is always reported.
	targets := []struct {
		key    string
		target *int64
	}{
		{"warmup", &s.Warmup}, {"warmup_ms", &s.WarmupMs}, {"samples", &s.Samples}, {"units", &s.Units},
		{"rounds", &s.Rounds}, {"idle_runs", &s.IdleRuns}, {"idle_pause_us", &s.IdlePauseUs},
		{"round_trips", &s.RoundTrips}, {"yields", &s.Yields}, {"touch_bytes", &s.TouchBytes},
		{"stack_bytes", &s.StackBytes}, {"probes", &s.Probes}, {"offenders", &s.Offenders}, {"hold_us", &s.HoldUs},
		{"window_ms", &s.WindowMs}, {"tick_us", &s.TickUs},
	}
	for _, field := range targets {
		value, present := members[field.key]
		if !present {
			continue // a field of another shape; the shape's own were checked present
		}
		n, err := intValue(field.key, value)
		if err != nil {
			return err
		}
		*field.target = n
	}
	if _, present := members["block"]; present {
		block, err := stringValue(members, "block")
		if err != nil {
			return err
		}
		switch Block(block) {
		case BlockSleep, BlockSpin, BlockWait:
			s.Block = Block(block)
		default:
			return fmt.Errorf("'block' must be sleep, spin or wait, not '%s'", block)
		}
	}
	return nil
}

// checkCombinations checks the rules a single range cannot say.
func (s *Spec) checkCombinations() error {
	if s.TouchBytes != 0 && s.TouchBytes != 1024 {
		return fmt.Errorf("'touch_bytes' must be 0 or 1024, not %d", s.TouchBytes)
	}
	if s.Shape == ShapeStall && s.WindowMs*2000/s.TickUs > maxStallTicks {
		return fmt.Errorf("a stall of window_ms %d with tick_us %d records more than %d ticks per probe", s.WindowMs, s.TickUs, maxStallTicks)
	}
	return nil
}

func intValue(key string, value any) (int64, error) {
	number, ok := value.(json.Number)
	if !ok || strings.ContainsAny(number.String(), ".eE") {
		return 0, fmt.Errorf("'%s' must be an integer, not %s", key, describe(value))
	}
	r := intRanges[key]
	n, err := strconv.ParseInt(number.String(), 10, 64)
	if err != nil || n < r.min || n > r.max {
		if key == "stack_bytes" {
			return 0, fmt.Errorf("'stack_bytes' must be 0 for model go (a goroutine's stack is sized by the runtime), not %s", number)
		}
		return 0, fmt.Errorf("'%s' must be from %d to %d, not %s", key, r.min, r.max, number)
	}
	return n, nil
}

func stringValue(members map[string]any, key string) (string, error) {
	value, present := members[key]
	if !present {
		return "", fmt.Errorf("missing key '%s'", key)
	}
	text, ok := value.(string)
	if !ok {
		return "", fmt.Errorf("'%s' must be a string, not %s", key, describe(value))
	}
	return text, nil
}

// describe shows a JSON value as it was written.
func describe(value any) string {
	switch v := value.(type) {
	case string:
		return strconv.Quote(v)
	case nil:
		return "null"
	default:
		return fmt.Sprint(v)
	}
}

// parseFlatObject reads one JSON object whose values are all scalars: strings, numbers (kept as written),
// booleans or null, and its keys in the order written. Nested values, duplicate keys and text after the object
// are errors.
func parseFlatObject(text string) (map[string]any, []string, error) {
	decoder := json.NewDecoder(strings.NewReader(text))
	decoder.UseNumber()
	if token, err := decoder.Token(); err != nil || token != json.Delim('{') {
		return nil, nil, errors.New("not a JSON object")
	}
	members, order := map[string]any{}, []string{}
	for decoder.More() {
		keyToken, err := decoder.Token()
		if err != nil {
			return nil, nil, err
		}
		key := keyToken.(string) // inside an object the decoder yields only string keys
		value, err := decoder.Token()
		if err != nil {
			return nil, nil, err
		}
		if _, nested := value.(json.Delim); nested {
			return nil, nil, fmt.Errorf("'%s' holds a nested value; the spec is one flat object", key)
		}
		if _, duplicate := members[key]; duplicate {
			return nil, nil, fmt.Errorf("key '%s' appears twice", key)
		}
		members[key] = value
		order = append(order, key)
	}
	if token, err := decoder.Token(); err != nil || token != json.Delim('}') {
		return nil, nil, errors.New("the object is not closed")
	}
	if _, err := decoder.Token(); err != io.EOF {
		return nil, nil, errors.New("text after the object")
	}
	return members, order, nil
}
