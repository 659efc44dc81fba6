//! Realistic log lines for each logging style. A call returns one or more events (an error is
//! often a JSON error line followed by the multi-line stack trace as its own event).

use chrono::{DateTime, SecondsFormat, Utc};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::Rng;
use serde_json::json;

use crate::catalog::Style;
use crate::{applines, weblines};

/// Where the lines come from.
pub struct Source {
    pub service: &'static str,
    pub style: Style,
    /// The project's VPC prefix ("10.40"), for client and task addresses.
    pub cidr: &'static str,
    /// The task's private address.
    pub task_ip: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warn,
    Error,
}

impl Source {
    pub fn new(service: &'static str, style: Style, cidr: &'static str, task_id: &str) -> Source {
        // A stable private address per task, derived from its id.
        let h = task_id
            .bytes()
            .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
        let task_ip = format!("{cidr}.{}.{}", 10 + h % 3, 4 + (h / 3) % 240);
        Source {
            service,
            style,
            cidr,
            task_ip,
        }
    }

    /// Mean time between events in milliseconds.
    pub fn mean_interval_ms(&self) -> f64 {
        match self.style {
            Style::NodeWeb => 7_000.0,
            Style::JavaApi | Style::PythonApi => 18_000.0,
            Style::PythonWorker => 26_000.0,
            Style::NodeWorker => 40_000.0,
        }
    }

    pub fn hostname(&self) -> String {
        format!("ip-{}.ec2.internal", self.task_ip.replace('.', "-"))
    }
}

pub fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn hex(rng: &mut StdRng, n: usize) -> String {
    (0..n)
        .map(|_| char::from_digit(rng.random_range(0..16), 16).unwrap_or('0'))
        .collect()
}

fn level(rng: &mut StdRng, incident: bool) -> Level {
    let (err, warn) = if incident {
        (0.18, 0.22)
    } else {
        (0.012, 0.05)
    };
    let x: f64 = rng.random();
    if x < err {
        Level::Error
    } else if x < err + warn {
        Level::Warn
    } else {
        Level::Info
    }
}

pub fn pick<'a>(rng: &mut StdRng, items: &[&'a str]) -> &'a str {
    items.choose(rng).copied().unwrap_or_default()
}

/// Events logged at one moment of normal operation.
pub fn event(rng: &mut StdRng, src: &Source, t: DateTime<Utc>, incident: bool) -> Vec<String> {
    let lvl = level(rng, incident);
    match src.style {
        Style::NodeWeb => weblines::node_web(rng, src, t, lvl, incident),
        Style::JavaApi => applines::java_api(rng, src, t, lvl),
        Style::PythonWorker => applines::python_worker(rng, src, t, lvl),
        Style::PythonApi => weblines::python_api(rng, src, t, lvl, incident),
        Style::NodeWorker => applines::node_worker(rng, src, t, lvl),
    }
}

/// What a container logs when it starts.
pub fn startup(rng: &mut StdRng, src: &Source, t: DateTime<Utc>, image_tag: &str) -> Vec<String> {
    match src.style {
        Style::NodeWeb => vec![
            format!("  ▲ Next.js 14.2.15 ({})", image_tag),
            "  - Local:        http://localhost:3000".to_string(),
            format!("  - Network:      http://{}:3000", src.task_ip),
            format!(" ✓ Ready in {}ms", rng.random_range(180..900)),
        ],
        Style::JavaApi => vec![
            format!("{} INFO 1 --- [main] o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat initialized with port 8080 (http)", t.format("%Y-%m-%d %H:%M:%S%.3f")),
            json!({"@timestamp": iso(t), "level": "INFO", "logger_name": "org.springframework.boot.StartupInfoLogger",
                "thread_name": "main", "message": format!("Started Application in {:.3} seconds (process running for {:.3})",
                    rng.random_range(9.0..24.0), rng.random_range(10.0..26.0)), "version": image_tag}).to_string(),
        ],
        Style::PythonApi => vec![
            "INFO:     Started server process [1]".to_string(),
            "INFO:     Waiting for application startup.".to_string(),
            "INFO:     Application startup complete.".to_string(),
            "INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)".to_string(),
        ],
        Style::PythonWorker => vec![json!({"ts": iso(t), "level": "info", "logger": "worker",
            "msg": format!("worker started, version {image_tag}, concurrency 4")})
        .to_string()],
        Style::NodeWorker => vec![json!({"level": "info", "time": t.timestamp_millis(), "pid": 1,
            "hostname": src.hostname(), "msg": format!("audit-worker {image_tag} listening for events")})
        .to_string()],
    }
}

/// What a container logs when ECS stops it.
pub fn shutdown(src: &Source, t: DateTime<Utc>) -> Vec<String> {
    match src.style {
        Style::NodeWeb | Style::NodeWorker => vec![json!({"level": "info", "time": iso(t), "pid": 1,
            "msg": "SIGTERM received, draining connections and shutting down"})
        .to_string()],
        Style::JavaApi => vec![json!({"@timestamp": iso(t), "level": "INFO",
            "logger_name": "org.springframework.boot.web.embedded.tomcat.GracefulShutdown",
            "thread_name": "SpringApplicationShutdownHook", "message": "Graceful shutdown complete"})
        .to_string()],
        Style::PythonApi => vec![
            "INFO:     Shutting down".to_string(),
            "INFO:     Finished server process [1]".to_string(),
        ],
        Style::PythonWorker => vec![json!({"ts": iso(t), "level": "info", "logger": "worker",
            "msg": "warm shutdown: waiting for 2 in-flight jobs"})
        .to_string()],
    }
}
