//! One CloudWatch Live Tail session (StartLiveTail): AWS pushes the events written
//! to the plan's groups (or named streams), about once a second, until the session
//! is dropped, fails, or reaches AWS's three-hour limit. Each report goes to
//! `report` as it comes; dropping the future (the runner aborts it) ends the session.

use std::collections::HashMap;
use std::sync::Arc;

use aws_sdk_cloudwatchlogs::types::StartLiveTailResponseStream;

use super::error::classify;
use super::{AwsError, Clients, ErrorKind};
use crate::model::live_tail::{LiveTailPlan, LiveTailReport};
use crate::model::LogEvent;

const OPERATION: &str = "logs:StartLiveTail";

/// Run a session until it ends; the last report is always `Ended`.
pub async fn run(clients: &Clients, plan: &LiveTailPlan, report: impl Fn(LiveTailReport)) {
    let error = session(clients, plan, &report).await;
    report(LiveTailReport::Ended(error));
}

async fn session(
    clients: &Clients,
    plan: &LiveTailPlan,
    report: &impl Fn(LiveTailReport),
) -> AwsError {
    clients.logs_budget.take().await;
    let started = clients
        .logs
        .start_live_tail()
        .set_log_group_identifiers(Some(plan.groups.clone()))
        .set_log_stream_names(plan.streams.clone())
        .set_log_event_filter_pattern((!plan.pattern.is_empty()).then(|| plan.pattern.clone()))
        .send()
        .await;
    let mut output = match started {
        Ok(output) => output,
        Err(e) => return with_hint(classify(OPERATION, &e)),
    };
    let mut names: HashMap<String, Arc<str>> = HashMap::new();
    loop {
        match output.response_stream.recv().await {
            Ok(Some(StartLiveTailResponseStream::SessionStart(_))) => {
                report(LiveTailReport::Started)
            }
            Ok(Some(StartLiveTailResponseStream::SessionUpdate(update))) => {
                let sampled = update.session_metadata().is_some_and(|m| m.sampled());
                let mut events: Vec<(i64, i64, LogEvent)> = update
                    .session_results()
                    .iter()
                    .map(|e| {
                        let name = e.log_stream_name().unwrap_or_default();
                        let stream = match names.get(name) {
                            Some(s) => s.clone(),
                            None => {
                                let s: Arc<str> = Arc::from(name);
                                names.insert(name.to_string(), s.clone());
                                s
                            }
                        };
                        let timestamp = e.timestamp().unwrap_or(0);
                        let event = LogEvent::ingest(timestamp, stream, e.message().unwrap_or(""));
                        (timestamp, e.ingestion_time().unwrap_or(0), event)
                    })
                    .collect();
                // Idle sessions get an empty update every second: nothing to report.
                if events.is_empty() && !sampled {
                    continue;
                }
                events.sort_by_key(|(ts, ingested, _)| (*ts, *ingested));
                report(LiveTailReport::Events {
                    events: events.into_iter().map(|(_, _, e)| e).collect(),
                    sampled,
                });
            }
            // A kind of message this SDK does not know (or the initial response): skip it.
            Ok(Some(_)) => {}
            Ok(None) => {
                return AwsError::new(
                    ErrorKind::Other,
                    OPERATION,
                    "AWS closed the Live Tail session",
                )
            }
            Err(e)
                if e.as_service_error()
                    .is_some_and(|s| s.is_session_timeout_exception()) =>
            {
                // AWS's three-hour limit, not a fault.
                return AwsError::new(
                    ErrorKind::Timeout,
                    OPERATION,
                    "the session reached AWS's three-hour limit",
                );
            }
            Err(e) => return classify(OPERATION, &e),
        }
    }
}

/// Live Tail connects to a `stream-` host of the endpoint; say how to turn that off
/// when it can't be reached.
fn with_hint(mut error: AwsError) -> AwsError {
    if error.kind == ErrorKind::Unreachable {
        error.message.push_str(
            " (Live Tail uses the endpoint's stream- host; behind a VPC endpoint, proxy or \
             emulator set AWS_DISABLE_HOST_PREFIX_INJECTION=true)",
        );
    }
    error
}
