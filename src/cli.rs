//! The command line. AWS_PROFILE and AWS_ENDPOINT_URL work as in the AWS CLI;
//! AWS_REGION / AWS_DEFAULT_REGION are read by the SDK's region chain.

use std::time::Duration;

use clap::Parser;

use crate::aws::ContextOptions;

#[derive(Debug, Clone, Parser)]
#[command(
    name = "opsdeck",
    version,
    about = "A terminal operations console for AWS deployments: ECS services and tasks, stacks, logs, databases and caches.",
    after_help = "Credentials come from the standard AWS chain (environment, profiles, SSO, credential_process, container and instance roles).\nLogs are written to $XDG_STATE_HOME/opsdeck/opsdeck.log (~/.local/state/opsdeck/opsdeck.log)."
)]
pub struct Cli {
    /// AWS profile from ~/.aws/config
    #[arg(long, env = "AWS_PROFILE", value_name = "P")]
    pub profile: Option<String>,

    /// AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region)
    #[arg(long, value_name = "R")]
    pub region: Option<String>,

    /// Assume this role (e.g. a customer account's support role) before doing anything
    #[arg(long, value_name = "ARN")]
    pub role_arn: Option<String>,

    /// External ID the role's trust policy requires
    #[arg(long, value_name = "ID", requires = "role_arn")]
    pub external_id: Option<String>,

    /// Session name recorded in the customer's CloudTrail (default: opsdeck)
    #[arg(long, value_name = "N", requires = "role_arn")]
    pub role_session_name: Option<String>,

    /// Talk to this endpoint instead of AWS (a local emulator)
    #[arg(long, env = "AWS_ENDPOINT_URL", value_name = "URL")]
    pub endpoint_url: Option<String>,

    /// Open this ECS cluster's services
    #[arg(long, value_name = "C")]
    pub cluster: Option<String>,

    /// Open this service's detail (needs --cluster)
    #[arg(long, value_name = "S", requires = "cluster")]
    pub service: Option<String>,

    /// Refuse every change to AWS
    #[arg(long)]
    pub read_only: bool,

    /// Command offered by ECS Exec (e) for a service not exec'd into before
    #[arg(
        long,
        env = "OPSDECK_EXEC_COMMAND",
        value_name = "CMD",
        default_value = "/bin/sh"
    )]
    pub exec_command: String,

    /// Use this context from config.toml (account, role, region, cluster, safety)
    #[arg(long, env = "OPSDECK_CONTEXT", value_name = "NAME")]
    pub context: Option<String>,

    /// Read this config file instead of $XDG_CONFIG_HOME/opsdeck/config.toml
    #[arg(long, value_name = "FILE")]
    pub config: Option<std::path::PathBuf>,

    /// Colours: default, light, high-contrast, mono, or a theme file (NO_COLOR picks mono)
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,

    /// Scroll and click with the mouse (the terminal's own text selection then needs Shift)
    #[arg(long)]
    pub mouse: bool,

    /// Logs panes use CloudWatch Live Tail (events within about a second; AWS bills it per
    /// session-minute). Polling takes over when it is unavailable or denied
    #[arg(long, env = "OPSDECK_LIVE_TAIL")]
    pub live_tail: bool,

    /// Keys: default, vim, or a keymap file laid over the default
    #[arg(long, value_name = "NAME")]
    pub keymap: Option<String>,

    #[command(subcommand)]
    pub command: Option<Subcommand>,

    /// Seconds between refreshes of the view on screen
    #[arg(long, value_name = "SECONDS", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub refresh: u64,

    /// Log events a logs pane keeps; the oldest go first (and are counted) when full
    #[arg(long, value_name = "N", env = "OPSDECK_LOG_BUFFER", default_value_t = 100_000, value_parser = clap::value_parser!(u64).range(1_000..=10_000_000))]
    pub log_buffer: u64,
}

#[derive(Debug, Clone, clap::Subcommand)]
pub enum Subcommand {
    /// Print the recent entries of the audit log (every change opsdeck made or refused)
    Audit {
        /// How many requests to show
        #[arg(long, value_name = "N", default_value_t = 20)]
        last: usize,
        /// Print the raw JSON lines instead
        #[arg(long)]
        json: bool,
    },
}

impl Cli {
    pub fn context_options(&self) -> ContextOptions {
        ContextOptions {
            profile: self.profile.clone().filter(|p| !p.is_empty()),
            region: self.region.clone().filter(|r| !r.is_empty()),
            role_arn: self.role_arn.clone(),
            external_id: self.external_id.clone(),
            role_session_name: self.role_session_name.clone(),
            endpoint_url: self.endpoint_url.clone().filter(|e| !e.is_empty()),
        }
    }

    pub fn refresh_interval(&self) -> Duration {
        Duration::from_secs(self.refresh)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_needs_a_cluster() {
        let err = Cli::try_parse_from(["opsdeck", "--service", "omni-web"]).unwrap_err();
        assert!(err.to_string().contains("--cluster"));
    }

    #[test]
    fn refresh_must_be_positive() {
        assert!(Cli::try_parse_from(["opsdeck", "--refresh", "0"]).is_err());
        let cli =
            Cli::try_parse_from(["opsdeck", "--refresh", "10"]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cli.refresh_interval(), Duration::from_secs(10));
    }

    #[test]
    fn audit_is_a_subcommand() {
        let cli = Cli::try_parse_from(["opsdeck", "audit", "--last", "5"])
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(
            cli.command,
            Some(Subcommand::Audit {
                last: 5,
                json: false
            })
        ));
        assert!(Cli::try_parse_from(["opsdeck", "audit", "--last", "x"]).is_err());
    }

    #[test]
    fn external_id_needs_a_role() {
        assert!(Cli::try_parse_from(["opsdeck", "--external-id", "x"]).is_err());
    }
}
