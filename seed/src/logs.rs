//! CloudWatch Logs mechanics: groups, streams, and PutLogEvents in batches within AWS's limits.

use anyhow::Result;
use aws_sdk_cloudwatchlogs::types::InputLogEvent;

use crate::aws::{error_code, Aws, Ctx};

/// PutLogEvents limits: 10,000 events and 1,048,576 bytes (message bytes + 26 per event).
const MAX_EVENTS: usize = 10_000;
const MAX_BYTES: usize = 1_000_000;

/// One log event: milliseconds since the epoch and the message (may span several lines).
pub type Event = (i64, String);

pub async fn create_group(aws: &Aws, name: &str, retention_days: i32, project: &str) -> Result<()> {
    let created = aws
        .logs
        .create_log_group()
        .log_group_name(name)
        .tags("project", project)
        .send()
        .await;
    if let Err(e) = created {
        if error_code(&e) != Some("ResourceAlreadyExistsException") {
            return Err(e).ctx(format!("CreateLogGroup {name}"));
        }
    }
    aws.logs
        .put_retention_policy()
        .log_group_name(name)
        .retention_in_days(retention_days)
        .send()
        .await
        .ctx(format!("PutRetentionPolicy {name}"))?;
    Ok(())
}

pub async fn create_stream(aws: &Aws, group: &str, stream: &str) -> Result<()> {
    let created = aws
        .logs
        .create_log_stream()
        .log_group_name(group)
        .log_stream_name(stream)
        .send()
        .await;
    match created {
        Err(e) if error_code(&e) != Some("ResourceAlreadyExistsException") => {
            Err(e).ctx(format!("CreateLogStream {group} {stream}"))
        }
        _ => Ok(()),
    }
}

/// Puts the events (which must be in time order) in as few calls as the limits allow.
pub async fn put(aws: &Aws, group: &str, stream: &str, events: Vec<Event>) -> Result<usize> {
    let total = events.len();
    let mut batch: Vec<InputLogEvent> = Vec::new();
    let mut bytes = 0;
    for (ts, message) in events {
        let size = message.len() + 26;
        if batch.len() == MAX_EVENTS || bytes + size > MAX_BYTES {
            send(aws, group, stream, std::mem::take(&mut batch)).await?;
            bytes = 0;
        }
        bytes += size;
        batch.push(
            InputLogEvent::builder()
                .timestamp(ts)
                .message(message)
                .build()
                .ctx("InputLogEvent")?,
        );
    }
    if !batch.is_empty() {
        send(aws, group, stream, batch).await?;
    }
    Ok(total)
}

async fn send(aws: &Aws, group: &str, stream: &str, batch: Vec<InputLogEvent>) -> Result<()> {
    aws.logs
        .put_log_events()
        .log_group_name(group)
        .log_stream_name(stream)
        .set_log_events(Some(batch))
        .send()
        .await
        .ctx(format!("PutLogEvents {group} {stream}"))?;
    Ok(())
}

/// Creates the stream (if needed) and puts the events.
pub async fn write(aws: &Aws, group: &str, stream: &str, events: Vec<Event>) -> Result<usize> {
    create_stream(aws, group, stream).await?;
    put(aws, group, stream, events).await
}
