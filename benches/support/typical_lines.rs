//! Typical log lines for the log benches (shared by `logs` and `logs_live`).

use std::sync::Arc;

/// A mix like a web service's: JSON access and app logs, text lines, a coloured
/// line now and then, a stack trace every few hundred lines. Deterministic.
pub fn typical_lines(n: usize) -> Vec<(i64, Arc<str>, String)> {
    let streams: Vec<Arc<str>> = (0..4)
        .map(|i| {
            Arc::from(format!(
                "omni-web/omni-web/3f1c9a2e8b4d4c1e9f2a7d6e5c4b3a2{i}"
            ))
        })
        .collect();
    let base = 1_763_900_000_000i64;
    (0..n)
        .map(|i| {
            let text = match i % 10 {
                0..=5 => format!(
                    r#"{{"time":"2025-11-23T12:{:02}:{:02}.{:03}Z","level":"info","msg":"GET /api/orders/{} 200","ms":{},"trace":"1-6742a1f3-{:08x}","user":"u-{}"}}"#,
                    (i / 60_000) % 60,
                    (i / 1000) % 60,
                    i % 1000,
                    i % 977,
                    i % 250,
                    i * 2_654_435_761 % 0xffff_ffff,
                    i % 5000
                ),
                6 => format!(
                    r#"{{"time":"2025-11-23T12:00:00Z","level":"warn","msg":"slow query","ms":{},"sql":"SELECT * FROM orders WHERE tenant_id = $1"}}"#,
                    1000 + i % 3000
                ),
                7 => format!("2025-11-23 12:00:00,{:03} INFO  audit user=alice action=export rows={}", i % 1000, i),
                8 if i % 500 == 8 => "java.lang.IllegalStateException: payment provider timed out\n\tat com.omni.pay.Client.charge(Client.java:88)\n\tat com.omni.api.Orders.create(Orders.java:41)".to_string(),
                8 => format!("\x1b[32mOK\x1b[0m health check {} passed in \x1b[1m{}ms\x1b[0m", i, i % 40),
                _ => format!("10.0.{}.{} - - [23/Nov/2025:12:00:00 +0000] \"GET /health HTTP/1.1\" 200 2 \"-\" \"ELB-HealthChecker/2.0\"", i % 4, i % 250),
            };
            (base + i as i64 * 10, streams[i % 4].clone(), text)
        })
        .collect()
}
