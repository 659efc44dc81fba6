//! Host prefix injection: the SDK sends some calls to a prefixed host (StartLiveTail
//! goes to `stream-logs.<region>.amazonaws.com`). Behind a VPC endpoint, a proxy or
//! a local emulator that host does not exist, so AWS's shared setting
//! `disable_host_prefix_injection` (profile) / `AWS_DISABLE_HOST_PREFIX_INJECTION`
//! (environment) turns it off. The Rust SDK does not read that setting yet; opsdeck
//! does, and strips the prefix with this interceptor.

use std::borrow::Cow;

use aws_runtime::env_config::file::EnvConfigFiles as ProfileFiles;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::endpoint::EndpointPrefix;
use aws_smithy_runtime_api::client::interceptors::context::BeforeSerializationInterceptorContextRef;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use aws_types::os_shim_internal::{Env, Fs};

const ENV: &str = "AWS_DISABLE_HOST_PREFIX_INJECTION";
const PROFILE_KEY: &str = "disable_host_prefix_injection";

/// Is host prefix injection turned off (environment first, then the profile)?
pub async fn disabled(profile: Option<&str>) -> bool {
    if let Ok(value) = std::env::var(ENV) {
        return is_true(&value);
    }
    let selected = profile.map(|p| Cow::Owned(p.to_string()));
    match aws_config::profile::load(
        &Fs::real(),
        &Env::real(),
        &ProfileFiles::default(),
        selected,
    )
    .await
    {
        Ok(profiles) => profiles.get(PROFILE_KEY).is_some_and(is_true),
        // A broken profile file is reported where credentials are loaded.
        Err(_) => false,
    }
}

fn is_true(value: &str) -> bool {
    value.trim().eq_ignore_ascii_case("true")
}

/// Drops the host prefix an operation asked for, so the call goes to the endpoint as configured.
#[derive(Debug, Clone, Copy)]
pub struct NoHostPrefix;

impl Intercept for NoHostPrefix {
    fn name(&self) -> &'static str {
        "opsdeck-no-host-prefix"
    }

    // Operations store their prefix before execution; this runs after that and
    // before the endpoint is applied.
    fn read_before_serialization(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        cfg.interceptor_state().unset::<EndpointPrefix>();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_true_turns_it_off() {
        assert!(is_true("true"));
        assert!(is_true(" TRUE\n"));
        assert!(!is_true("false"));
        assert!(!is_true("1"));
        assert!(!is_true(""));
    }
}
