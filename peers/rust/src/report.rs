//! The success line of peers/PROTOCOL.md section 3: `BENCH-RESULT {"series":[...],"affinity":...}`.

use crate::rusage::CountersPerOp;

/// One quantity's samples.
pub struct Series {
    pub quantity: &'static str,
    pub unit: &'static str,
    pub samples: Vec<f64>,
    pub counters: Option<CountersPerOp>,
}

impl Series {
    pub fn new(quantity: &'static str, unit: &'static str, samples: Vec<f64>) -> Series {
        Series { quantity, unit, samples, counters: None }
    }

    pub fn with_counters(mut self, counters: Option<CountersPerOp>) -> Series {
        self.counters = counters;
        self
    }
}

/// Everything the result line carries.
pub struct Report {
    pub series: Vec<Series>,
    pub affinity: String,
    pub processor_count: usize,
    pub runtime: String,
}

impl Report {
    /// The result line, or an error if a sample is not a finite number (the protocol never sends NaN).
    pub fn to_line(&self) -> Result<String, String> {
        let mut series = Vec::new();
        for s in &self.series {
            if let Some(bad) = s.samples.iter().find(|v| !v.is_finite()) {
                return Err(format!("quantity {} has a sample that is not a finite number ({})", s.quantity, bad));
            }
            let samples: Vec<String> = s.samples.iter().map(|v| number(*v)).collect();
            let counters = match &s.counters {
                Some(c) => format!(
                    ",\"counters\":{{\"voluntary_switches\":{},\"involuntary_switches\":{}}}",
                    number(c.voluntary_switches),
                    number(c.involuntary_switches)
                ),
                None => String::new(),
            };
            series.push(format!(
                "{{\"quantity\":{},\"unit\":{},\"samples\":[{}]{}}}",
                string(s.quantity),
                string(s.unit),
                samples.join(","),
                counters
            ));
        }
        Ok(format!(
            "BENCH-RESULT {{\"series\":[{}],\"affinity\":{},\"processor_count\":{},\"runtime\":{}}}",
            series.join(","),
            string(&self.affinity),
            self.processor_count,
            string(&self.runtime)
        ))
    }
}

/// A finite double as JSON (Rust's Display never uses an exponent, so the text is always a JSON number).
fn number(value: f64) -> String {
    if value == 0.0 {
        "0".to_string()
    } else {
        format!("{}", value)
    }
}

fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_protocol_line() {
        let report = Report {
            series: vec![Series::new("raw", "ns", vec![5123.4, -0.5, 0.0])],
            affinity: "0,1".to_string(),
            processor_count: 2,
            runtime: "tokio \"1\"".to_string(),
        };
        assert_eq!(
            report.to_line().unwrap(),
            r#"BENCH-RESULT {"series":[{"quantity":"raw","unit":"ns","samples":[5123.4,-0.5,0]}],"affinity":"0,1","processor_count":2,"runtime":"tokio \"1\""}"#
        );
    }

    #[test]
    fn refuses_nan() {
        let report = Report {
            series: vec![Series::new("raw", "ns", vec![f64::NAN])],
            affinity: "0".to_string(),
            processor_count: 1,
            runtime: String::new(),
        };
        assert!(report.to_line().is_err());
    }
}
