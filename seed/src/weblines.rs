//! Request-serving containers: access log lines (nginx/ALB style for the Node front, uvicorn
//! for the Python APIs), with JSON app lines and stack traces when something fails.

use chrono::{DateTime, Utc};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::Rng;
use serde_json::json;

use crate::lines::{hex, iso, pick, Level, Source};
use crate::traces;

const USER_AGENTS: &[&str] = &[
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
    "curl/8.5.0",
];

const QUERIES: &[&str] = &[
    "quarterly+report",
    "invoice+2024",
    "onboarding+checklist",
    "pricing",
    "api+keys",
    "contract+renewal",
    "sso+setup",
    "roadmap",
];

pub fn node_web(
    rng: &mut StdRng,
    src: &Source,
    t: DateTime<Utc>,
    lvl: Level,
    incident: bool,
) -> Vec<String> {
    let client = format!(
        "{}.{}.{}.{}",
        rng.random_range(23..220),
        rng.random_range(0..255),
        rng.random_range(0..255),
        rng.random_range(1..255)
    );
    if rng.random_bool(0.08) {
        // The ALB health check.
        return vec![format!(
            "{}.{}.{} - - [{}] \"GET /api/health HTTP/1.1\" 200 15 \"-\" \"ELB-HealthChecker/2.0\" rt=0.002",
            src.cidr,
            rng.random_range(10..13),
            rng.random_range(4..250),
            t.format("%d/%b/%Y:%H:%M:%S +0000")
        )];
    }
    let q = pick(rng, QUERIES);
    let doc = rng.random_range(10_000..99_999);
    let chunk = hex(rng, 16);
    let (method, path) = [
        ("GET", "/".to_string()),
        ("GET", format!("/search?q={q}")),
        (
            "GET",
            format!("/api/search?q={q}&page={}", rng.random_range(1..4)),
        ),
        ("GET", format!("/api/documents/{doc}")),
        ("GET", format!("/_next/static/chunks/{chunk}.js")),
        ("POST", "/api/ai/summarize".to_string()),
        ("GET", "/api/session".to_string()),
        ("POST", "/api/events".to_string()),
    ]
    .choose(rng)
    .cloned()
    .unwrap_or_default();
    let (status, rt) = match lvl {
        Level::Error => (
            *[500, 502, 504].choose(rng).unwrap_or(&500),
            rng.random_range(1.5..30.0),
        ),
        Level::Warn => (
            *[404, 401, 499, 429].choose(rng).unwrap_or(&404),
            rng.random_range(0.01..2.0),
        ),
        Level::Info => (
            *[200, 200, 200, 200, 304, 301].choose(rng).unwrap_or(&200),
            rng.random_range(0.004..0.35),
        ),
    };
    let rt = if incident { rt * 4.0 } else { rt };
    let bytes = if status == 304 {
        0
    } else {
        rng.random_range(180..48_000)
    };
    let referer = if rng.random_bool(0.6) {
        "https://app.omni-acme.com/search".to_string()
    } else {
        "-".to_string()
    };
    let mut out = vec![format!(
        "{client} - - [{}] \"{method} {path} HTTP/1.1\" {status} {bytes} \"{referer}\" \"{}\" rt={rt:.3}",
        t.format("%d/%b/%Y:%H:%M:%S +0000"),
        pick(rng, USER_AGENTS)
    )];
    match lvl {
        Level::Error => {
            out.push(
                json!({"level": "error", "time": iso(t), "pid": 1, "hostname": src.hostname(),
                    "msg": format!("Unhandled error while handling {method} {path}"), "status": status,
                    "requestId": hex(rng, 32)})
                .to_string(),
            );
            out.push(traces::node(rng, src.cidr));
        }
        Level::Warn if rng.random_bool(0.3) => out.push(
            json!({"level": "warn", "time": iso(t), "pid": 1, "hostname": src.hostname(),
                "msg": format!("slow upstream omni-searcher: {}ms", rng.random_range(900..4000)),
                "route": "/api/search"})
            .to_string(),
        ),
        _ => {}
    }
    out
}

pub fn python_api(
    rng: &mut StdRng,
    src: &Source,
    t: DateTime<Utc>,
    lvl: Level,
    incident: bool,
) -> Vec<String> {
    let module = src.service.replace('-', "_");
    let client = format!(
        "{}.{}.{}:{}",
        src.cidr,
        rng.random_range(10..13),
        rng.random_range(4..250),
        rng.random_range(32_768..60_999)
    );
    let path = if src.service == "omni-ai" {
        pick(
            rng,
            &["/v1/summarize", "/v1/embed", "/v1/classify", "/healthz"],
        )
    } else {
        pick(
            rng,
            &[
                "/v1/assets",
                "/v1/scenes/search",
                "/v1/tiles/14/4823/6160",
                "/healthz",
            ],
        )
    };
    let (status, reason) = match lvl {
        Level::Error => *[(500, "Internal Server Error"), (503, "Service Unavailable")]
            .choose(rng)
            .unwrap_or(&(500, "Internal Server Error")),
        Level::Warn => *[
            (422, "Unprocessable Entity"),
            (404, "Not Found"),
            (429, "Too Many Requests"),
        ]
        .choose(rng)
        .unwrap_or(&(404, "Not Found")),
        Level::Info => (200, "OK"),
    };
    let method = if path.starts_with("/v1/s") || path.starts_with("/v1/e") {
        "POST"
    } else {
        "GET"
    };
    let mut out = vec![format!(
        "INFO:     {client} - \"{method} {path} HTTP/1.1\" {status} {reason}"
    )];
    let ms = rng.random_range(20..900) * if incident { 5 } else { 1 };
    match lvl {
        Level::Info if rng.random_bool(0.35) => out.push(
            json!({"ts": iso(t), "level": "info", "logger": format!("{module}.app"),
                "msg": "request handled", "path": path, "duration_ms": ms,
                "request_id": hex(rng, 16)})
            .to_string(),
        ),
        Level::Warn => out.push(
            json!({"ts": iso(t), "level": "warning", "logger": format!("{module}.app"),
                "msg": format!("upstream slow, {ms}ms"), "path": path})
            .to_string(),
        ),
        Level::Error => {
            out.push(
                json!({"ts": iso(t), "level": "error", "logger": format!("{module}.app"),
                    "msg": "Exception in ASGI application", "path": path, "request_id": hex(rng, 16)})
                .to_string(),
            );
            out.push(traces::python(rng, &module));
        }
        _ => {}
    }
    out
}
