//! Shared test support. Integration and end-to-end tests run against the local AWS
//! emulator that `scripts/test` starts (see scripts/lib/emulator.sh):
//! - `OPSDECK_EMULATOR_URL`: ministack with the seeded demo world (account 123456789012);
//! - `OPSDECK_EMULATOR_AUTH_URL`: a second ministack with AUTH=true (IAM policies enforced).
//!
//! Tests never skip when these are missing: they fail and say how to run them.
#![allow(dead_code)]

pub mod emulator;
pub mod pty;
pub mod screen;

/// URL of an emulator named by an environment variable, or a clear failure.
pub fn required_env(name: &str) -> String {
    match std::env::var(name) {
        Ok(v) if !v.is_empty() => v,
        _ => panic!(
            "{name} is not set: these tests run against the local AWS emulator; \
             run them with scripts/test, which installs and starts it"
        ),
    }
}
