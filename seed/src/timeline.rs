//! The story the seeded data tells, relative to the moment of seeding: two hours of history, a
//! short incident (database saturation) 40 minutes ago, deployments 70 and 25 minutes ago and a
//! scale-out 12 minutes ago.

use chrono::{DateTime, Duration, Utc};

pub const HISTORY: Duration = Duration::hours(2);
pub const INCIDENT_START_AGO: Duration = Duration::minutes(40);
pub const INCIDENT_LENGTH: Duration = Duration::minutes(4);
pub const DEPLOY_AGO: Duration = Duration::minutes(25);
pub const DEPLOY_GAP: Duration = Duration::minutes(45);
pub const SCALE_AGO: Duration = Duration::minutes(12);

/// Whether `t` falls in the incident window, seen from `now`.
pub fn in_incident(now: DateTime<Utc>, t: DateTime<Utc>) -> bool {
    let start = now - INCIDENT_START_AGO;
    t >= start && t < start + INCIDENT_LENGTH
}

/// How far into the incident `t` is, 0.0 outside and up to 1.0 at its peak (a smooth bump).
pub fn incident_intensity(now: DateTime<Utc>, t: DateTime<Utc>) -> f64 {
    let start = now - INCIDENT_START_AGO;
    let len = INCIDENT_LENGTH.num_milliseconds() as f64;
    let x = (t - start).num_milliseconds() as f64 / len;
    if (0.0..1.0).contains(&x) {
        (x * std::f64::consts::PI).sin()
    } else {
        0.0
    }
}

/// When revision `r` of a service started running, for a service created on revision `created`
/// and then deployed revision by revision up to `latest`: the newest deployment happened
/// DEPLOY_AGO, each earlier one DEPLOY_GAP before the next; the creation revision has been
/// running since the start of the history.
pub fn revision_started(now: DateTime<Utc>, created: i32, latest: i32, r: i32) -> DateTime<Utc> {
    if r <= created {
        now - HISTORY
    } else {
        now - DEPLOY_AGO - DEPLOY_GAP * (latest - r).max(0)
    }
}
