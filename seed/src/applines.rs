//! Application containers that log JSON with a `level` field: Spring (Java), Python workers and
//! a Node worker; errors are followed by the stack trace as its own multi-line event.

use chrono::{DateTime, Utc};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::Rng;
use serde_json::json;

use crate::lines::{hex, iso, Level, Source};
use crate::traces;

pub fn java_api(rng: &mut StdRng, src: &Source, t: DateTime<Utc>, lvl: Level) -> Vec<String> {
    let (package, entity) = if src.service.starts_with("omen") {
        ("com.omen.epr", "patients")
    } else {
        ("com.omniacme.search", "documents")
    };
    let thread = format!("http-nio-8080-exec-{}", rng.random_range(1..40));
    let trace_id = hex(rng, 32);
    let took = rng.random_range(4..180);
    let (logger, message) = match lvl {
        Level::Info => [
            (
                "QueryController",
                format!(
                    "GET /api/v1/{entity}/{} 200 took={took}ms",
                    rng.random_range(1000..99999)
                ),
            ),
            (
                "QueryService",
                format!(
                    "query completed hits={} took={took}ms",
                    rng.random_range(0..500)
                ),
            ),
            (
                "CacheService",
                format!(
                    "cache hit ratio {:.2} over last 60s",
                    rng.random_range(0.71..0.97)
                ),
            ),
            (
                "AuditPublisher",
                format!("published {} audit events", rng.random_range(1..40)),
            ),
        ]
        .choose(rng)
        .cloned()
        .unwrap_or_default(),
        Level::Warn => [
            (
                "SearchClient",
                format!(
                    "slow response from search backend took={}ms",
                    rng.random_range(1200..6000)
                ),
            ),
            (
                "com.zaxxer.hikari.pool.HikariPool",
                "HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=1m2s)."
                    .to_string(),
            ),
            (
                "RateLimiter",
                format!(
                    "tenant t-{} over rate limit, rejecting",
                    rng.random_range(100..999)
                ),
            ),
        ]
        .choose(rng)
        .cloned()
        .unwrap_or_default(),
        Level::Error => (
            "RequestErrorHandler",
            format!("Request processing failed: GET /api/v1/{entity}"),
        ),
    };
    let logger = if logger.contains('.') {
        logger.to_string()
    } else {
        format!("{package}.{logger}")
    };
    let level = match lvl {
        Level::Info => "INFO",
        Level::Warn => "WARN",
        Level::Error => "ERROR",
    };
    let mut out = vec![
        json!({"@timestamp": iso(t), "level": level, "logger_name": logger,
        "thread_name": thread, "message": message, "traceId": trace_id, "service": src.service})
        .to_string(),
    ];
    if lvl == Level::Error {
        out.push(traces::java(rng, package));
    }
    out
}

pub fn python_worker(rng: &mut StdRng, src: &Source, t: DateTime<Utc>, lvl: Level) -> Vec<String> {
    let module = src.service.split('-').next_back().unwrap_or("worker");
    let job = hex(rng, 12);
    let msg = match lvl {
        Level::Info => [
            format!(
                "indexed batch docs={} duration_ms={}",
                rng.random_range(50..500),
                rng.random_range(200..4000)
            ),
            format!("job {job} completed in {:.2}s", rng.random_range(0.2..12.0)),
            format!(
                "queue depth {} (visible) {} (in flight)",
                rng.random_range(0..900),
                rng.random_range(0..40)
            ),
            format!(
                "heartbeat ok, {} jobs processed since start",
                rng.random_range(100..20_000)
            ),
        ]
        .choose(rng)
        .cloned()
        .unwrap_or_default(),
        Level::Warn => [
            format!(
                "job {job} retrying (attempt {}/5) after timeout",
                rng.random_range(2..5)
            ),
            format!("message {job} visibility timeout extended by 120s"),
            "redis latency above 50ms, backing off".to_string(),
        ]
        .choose(rng)
        .cloned()
        .unwrap_or_default(),
        Level::Error => format!("job {job} failed"),
    };
    let level = match lvl {
        Level::Info => "info",
        Level::Warn => "warning",
        Level::Error => "error",
    };
    let mut out = vec![
        json!({"ts": iso(t), "level": level, "logger": format!("{module}.worker"),
        "msg": msg, "task_ip": src.task_ip})
        .to_string(),
    ];
    if lvl == Level::Error {
        out.push(traces::python(rng, module));
    }
    out
}

pub fn node_worker(rng: &mut StdRng, src: &Source, t: DateTime<Utc>, lvl: Level) -> Vec<String> {
    let (level, msg) = match lvl {
        Level::Info => (
            "info",
            format!("flushed audit batch count={}", rng.random_range(1..60)),
        ),
        Level::Warn => (
            "warn",
            format!("audit sink slow, buffered={}", rng.random_range(100..2000)),
        ),
        Level::Error => (
            "error",
            "failed to flush audit batch, will retry".to_string(),
        ),
    };
    let mut out = vec![
        json!({"level": level, "time": t.timestamp_millis(), "pid": 1,
        "hostname": src.hostname(), "msg": msg, "durationMs": rng.random_range(3..400)})
        .to_string(),
    ];
    if lvl == Level::Error {
        out.push(traces::node(rng, src.cidr));
    }
    out
}
