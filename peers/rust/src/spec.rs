//! The scenario spec of peers/PROTOCOL.md section 1, checked in full: every key known, every key of the
//! shape present, every value of its type and range. A spec that passes here can be run as written.

use crate::flat_json::{self, Value};
use crate::stall::StallPlan;

/// The models this peer runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelId {
    RustThread,
    Tokio,
    TokioCurrentThread,
    AsyncStd,
}

impl ModelId {
    pub const ALL: [(&'static str, ModelId); 4] = [
        ("rust-thread", ModelId::RustThread),
        ("tokio", ModelId::Tokio),
        ("tokio-ct", ModelId::TokioCurrentThread),
        ("async-std", ModelId::AsyncStd),
    ];

    pub fn is_thread(self) -> bool {
        self == ModelId::RustThread
    }
}

/// Byte links of the brigade shapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transport {
    SocketPair,
    Pipe,
}

/// How a stall offender holds its worker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Sleep,
    Spin,
    Wait,
}

/// A shape with its own fields (the table of PROTOCOL.md section 2).
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    SpawnJoin { units: usize, idle_runs: usize, idle_pause_us: u64 },
    Brigade { transport: Transport, units: usize, rounds: usize },
    BrigadeMem { units: usize, rounds: usize },
    PingPong { round_trips: usize },
    Yield { units: usize, yields: usize },
    Parked { units: usize, touch_bytes: usize, stack_bytes: usize },
    Stall { probes: usize, offenders: usize, block: BlockKind, hold_us: u64, window_ms: u64, tick_us: u64 },
}

impl Shape {
    /// The stall run a stall shape asks for.
    pub fn stall_plan(&self) -> Option<StallPlan> {
        match self {
            Shape::Stall { probes, offenders, block, hold_us, window_ms, tick_us } => Some(StallPlan {
                probes: *probes,
                offenders: *offenders,
                block: *block,
                hold_ns: hold_us * 1000,
                window_ns: window_ms * 1_000_000,
                tick_ns: tick_us * 1000,
            }),
            _ => None,
        }
    }
}

/// Most tick x probe records a stall run may keep (8 bytes each): seconds of microsecond ticks fit; a spec
/// asking for hours of them is out of range, refused before anything allocates.
const MAX_TICK_RECORDS: usize = 64_000_000;

/// One checked scenario spec.
#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    pub model: ModelId,
    pub shape_name: String,
    pub shape: Shape,
    pub pinned: bool,
    pub warmup: u64,
    pub warmup_ms: u64,
    pub samples: usize,
}

/// Keys every spec has.
const COMMON_KEYS: [&str; 8] = ["protocol", "metric", "model", "shape", "pinned", "warmup", "warmup_ms", "samples"];

/// Bytes a touching unit keeps across its park (the protocol allows 0 or this).
pub const TOUCH_BYTES: usize = 1024;

/// Shape name, its metric and its own keys.
const SHAPES: [(&str, &str, &[&str]); 13] = [
    ("spawn-join", "creation", &["units", "idle_runs", "idle_pause_us"]),
    ("brigade", "switch", &["units", "rounds"]),
    ("brigade-pipe", "switch", &["units", "rounds"]),
    ("brigade-mem", "switch", &["units", "rounds"]),
    ("pingpong", "switch", &["round_trips"]),
    ("yield", "switch", &["units", "yields"]),
    ("parked", "memory", &["units", "touch_bytes", "stack_bytes"]),
    ("parked-touch", "memory", &["units", "touch_bytes", "stack_bytes"]),
    ("parked-small-stack", "memory", &["units", "touch_bytes", "stack_bytes"]),
    ("parked-default-stack", "memory", &["units", "touch_bytes", "stack_bytes"]),
    ("stall", "stall", &["probes", "offenders", "block", "hold_us", "window_ms", "tick_us"]),
    ("stall-offload", "stall", &["probes", "offenders", "block", "hold_us", "window_ms", "tick_us"]),
    ("stall-detect", "stall", &["probes", "offenders", "block", "hold_us", "window_ms", "tick_us"]),
];

/// Model ids of the other children (PROTOCOL.md section 5): known, but not this peer's to run.
const OTHER_MODELS: [&str; 5] = ["thread", "task", "green", "go", "c-thread"];

impl Spec {
    /// Parses and checks the `--spec` JSON; the error is the text after `bad spec: `.
    pub fn parse(json: &str) -> Result<Spec, String> {
        let members = flat_json::parse_object(json)?;
        let fields = Fields { members: &members };

        let protocol = fields.int("protocol", i64::MIN, i64::MAX)?;
        if protocol != 2 {
            return Err(format!("protocol {} is not supported; this child speaks protocol 2", protocol));
        }
        let shape_name = fields.string("shape")?;
        let (_, shape_metric, shape_keys) = SHAPES
            .iter()
            .find(|(name, _, _)| *name == shape_name)
            .ok_or_else(|| format!("unknown shape '{}'; valid: {}", shape_name, names(SHAPES.iter().map(|s| s.0))))?;
        for (key, _) in &members {
            if !COMMON_KEYS.contains(&key.as_str()) && !shape_keys.contains(&key.as_str()) {
                return Err(format!("unknown key '{}' for shape {}", key, shape_name));
            }
        }
        let metric = fields.string("metric")?;
        if metric != *shape_metric {
            return Err(format!("metric '{}' does not match shape {} (its metric is {})", metric, shape_name, shape_metric));
        }
        let model_name = fields.string("model")?;
        let model = match ModelId::ALL.iter().find(|(name, _)| *name == model_name) {
            Some((_, id)) => *id,
            None if OTHER_MODELS.contains(&model_name.as_str()) => {
                return Err(format!("model '{}' is not run by the Rust peer; its models: {}", model_name, rust_models()))
            }
            None => return Err(format!("unknown model '{}'; the Rust peer's models: {}", model_name, rust_models())),
        };
        let pinned = fields.boolean("pinned")?;
        let warmup = fields.int("warmup", 0, 1_000_000)? as u64;
        let warmup_ms = fields.int("warmup_ms", 0, 3_600_000)? as u64;
        let samples = fields.int("samples", 1, 1_000_000)? as usize;
        let shape = shape_of(&fields, &shape_name, model)?;
        if let Some(plan) = shape.stall_plan() {
            let records = plan.tick_capacity().saturating_mul(plan.probes);
            if records > MAX_TICK_RECORDS {
                return Err(format!("window_ms and tick_us ask for {} tick records, more than {}", records, MAX_TICK_RECORDS));
            }
        }
        Ok(Spec { model, shape_name, shape, pinned, warmup, warmup_ms, samples })
    }
}

fn shape_of(fields: &Fields, shape_name: &str, model: ModelId) -> Result<Shape, String> {
    let count = |key: &str, max: i64| fields.int(key, 1, max).map(|v| v as usize);
    Ok(match shape_name {
        "spawn-join" => Shape::SpawnJoin {
            units: count("units", 10_000_000)?,
            idle_runs: count("idle_runs", 1_000_000)?,
            idle_pause_us: fields.int("idle_pause_us", 0, 60_000_000)? as u64,
        },
        "brigade" | "brigade-pipe" => Shape::Brigade {
            transport: if shape_name == "brigade" { Transport::SocketPair } else { Transport::Pipe },
            units: count("units", 100_000)?,
            rounds: count("rounds", 100_000_000)?,
        },
        "brigade-mem" => Shape::BrigadeMem { units: count("units", 1_000_000)?, rounds: count("rounds", 100_000_000)? },
        "pingpong" => Shape::PingPong { round_trips: count("round_trips", 1_000_000_000)? },
        "yield" => Shape::Yield { units: count("units", 10_000_000)?, yields: count("yields", 1_000_000_000)? },
        "parked" | "parked-touch" | "parked-small-stack" | "parked-default-stack" => parked_of(fields, shape_name, model)?,
        "stall" => Shape::Stall {
            probes: count("probes", 1_000)?,
            offenders: count("offenders", 100_000)?,
            block: match fields.string("block")?.as_str() {
                "sleep" => BlockKind::Sleep,
                "spin" => BlockKind::Spin,
                "wait" => BlockKind::Wait,
                other => return Err(format!("unknown block '{}'; valid: sleep, spin, wait", other)),
            },
            hold_us: fields.int("hold_us", 1, 60_000_000)? as u64,
            window_ms: fields.int("window_ms", 2, 3_600_000)? as u64,
            tick_us: fields.int("tick_us", 1, 60_000_000)? as u64,
        },
        other => return Err(format!("shape {} is the green runtime's alone; the Rust peer does not run it", other)),
    })
}

fn parked_of(fields: &Fields, shape_name: &str, model: ModelId) -> Result<Shape, String> {
    let units = fields.int("units", 1, 10_000_000)? as usize;
    let touch_bytes = fields.int("touch_bytes", 0, TOUCH_BYTES as i64)? as usize;
    if touch_bytes != 0 && touch_bytes != TOUCH_BYTES {
        return Err(format!("touch_bytes must be 0 or {}, got {}", TOUCH_BYTES, touch_bytes));
    }
    let wanted_touch = if shape_name == "parked-touch" { TOUCH_BYTES } else { 0 };
    if touch_bytes != wanted_touch {
        return Err(format!("shape {} has touch_bytes {}, got {}", shape_name, wanted_touch, touch_bytes));
    }
    let stack_bytes = fields.int("stack_bytes", 0, 1 << 30)? as usize;
    if stack_bytes != 0 && stack_bytes < 16 * 1024 {
        return Err(format!("stack_bytes must be 0 (the default) or at least 16384, got {}", stack_bytes));
    }
    if !model.is_thread() && stack_bytes != 0 {
        return Err(format!("stack_bytes {} for a model whose units have no stack of their own", stack_bytes));
    }
    if (shape_name == "parked-small-stack" || shape_name == "parked-default-stack") && (!model.is_thread() || stack_bytes == 0) {
        return Err(format!("{} is for thread models, with a stack_bytes other than 0", shape_name));
    }
    Ok(Shape::Parked { units, touch_bytes, stack_bytes })
}

fn rust_models() -> String {
    names(ModelId::ALL.iter().map(|(name, _)| *name))
}

fn names<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// Typed, range-checked access to the parsed members.
struct Fields<'a> {
    members: &'a [(String, Value)],
}

impl<'a> Fields<'a> {
    fn get(&self, key: &str) -> Result<&'a Value, String> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v).ok_or_else(|| format!("missing key '{}'", key))
    }

    fn int(&self, key: &str, min: i64, max: i64) -> Result<i64, String> {
        match self.get(key)? {
            Value::Int(n) if *n >= min && *n <= max => Ok(*n),
            Value::Int(n) => Err(format!("'{}' is {}, out of range {}..={}", key, n, min, max)),
            other => Err(format!("'{}' must be an integer, got {}", key, other.type_name())),
        }
    }

    fn string(&self, key: &str) -> Result<String, String> {
        match self.get(key)? {
            Value::Str(s) => Ok(s.clone()),
            other => Err(format!("'{}' must be a string, got {}", key, other.type_name())),
        }
    }

    fn boolean(&self, key: &str) -> Result<bool, String> {
        match self.get(key)? {
            Value::Bool(b) => Ok(*b),
            other => Err(format!("'{}' must be a boolean, got {}", key, other.type_name())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BRIGADE: &str = r#"{"protocol":2,"metric":"switch","model":"tokio","shape":"brigade","pinned":false,"warmup":1,"warmup_ms":0,"samples":3,"units":5,"rounds":2}"#;

    #[test]
    fn accepts_a_complete_spec() {
        let spec = Spec::parse(BRIGADE).unwrap();
        assert_eq!(spec.model, ModelId::Tokio);
        assert_eq!(spec.shape, Shape::Brigade { transport: Transport::SocketPair, units: 5, rounds: 2 });
        assert_eq!(spec.samples, 3);
    }

    #[test]
    fn refuses_each_kind_of_bad_spec() {
        let cases = [
            (BRIGADE.replace("\"protocol\":2", "\"protocol\":1"), "protocol 1"),
            (BRIGADE.replace(",\"rounds\":2", ""), "missing key 'rounds'"),
            (BRIGADE.replace("\"rounds\":2", "\"rounds\":2,\"round_trips\":3"), "unknown key 'round_trips'"),
            (BRIGADE.replace("\"rounds\":2", "\"rounds\":\"2\""), "must be an integer"),
            (BRIGADE.replace("\"rounds\":2", "\"rounds\":2.5"), "must be an integer"),
            (BRIGADE.replace("\"rounds\":2", "\"rounds\":0"), "out of range"),
            (BRIGADE.replace("\"pinned\":false", "\"pinned\":0"), "must be a boolean"),
            (BRIGADE.replace("\"tokio\"", "\"tokyo\""), "unknown model"),
            (BRIGADE.replace("\"tokio\"", "\"go\""), "not run by the Rust peer"),
            (BRIGADE.replace("\"brigade\"", "\"brigadier\""), "unknown shape"),
            (BRIGADE.replace("\"switch\"", "\"memory\""), "does not match"),
        ];
        for (text, expected) in cases.iter() {
            let error = Spec::parse(text).unwrap_err();
            assert!(error.contains(expected), "{} gave '{}', expected '{}'", text, error, expected);
        }
    }

    #[test]
    fn keeps_small_stacks_to_threads() {
        let parked = |model: &str, shape: &str, touch: usize, stack: usize| {
            Spec::parse(&format!(
                r#"{{"protocol":2,"metric":"memory","model":"{}","shape":"{}","pinned":false,"warmup":0,"warmup_ms":0,"samples":1,"units":10,"touch_bytes":{},"stack_bytes":{}}}"#,
                model, shape, touch, stack
            ))
        };
        assert!(parked("rust-thread", "parked-small-stack", 0, 65536).is_ok());
        assert!(parked("tokio", "parked-small-stack", 0, 0).is_err());
        assert!(parked("tokio", "parked", 0, 65536).is_err());
        assert!(parked("async-std", "parked-touch", 1024, 0).is_ok());
        assert!(parked("async-std", "parked-touch", 0, 0).is_err());
        assert!(parked("rust-thread", "parked", 0, 100).is_err());
    }
}
