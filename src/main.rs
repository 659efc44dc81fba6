use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use opsdeck::cli::Cli;
use opsdeck::{app, aws, logging, tui};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(opsdeck::cli::Subcommand::Audit { last, json }) = &cli.command {
        return print_audit(*last, *json);
    }
    let _log = logging::init();
    tui::install_panic_hook();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "opsdeck: could not start: {e}");
            return ExitCode::from(1);
        }
    };
    let setup = match opsdeck::config::Setup::load(&cli) {
        Ok(setup) => setup,
        Err(problem) => {
            tracing::error!("startup failed: {problem}");
            let _ = writeln!(std::io::stderr(), "opsdeck: {problem}");
            return ExitCode::from(2);
        }
    };
    runtime.block_on(async {
        let ctx = match aws::connect(&setup.options).await {
            Ok(ctx) => ctx,
            Err(e) => {
                tracing::error!("startup failed: {e}");
                let _ = writeln!(std::io::stderr(), "opsdeck: {e}");
                return ExitCode::from(2);
            }
        };
        match app::run(ctx, &cli, setup).await {
            Ok(code) => ExitCode::from(code),
            Err(e) => {
                tracing::error!("stopped: {e:#}");
                let _ = writeln!(std::io::stderr(), "opsdeck: {e:#}");
                ExitCode::from(1)
            }
        }
    })
}

/// `opsdeck audit`: the recent audit entries, no AWS connection needed.
fn print_audit(last: usize, json: bool) -> ExitCode {
    let Some(log) = opsdeck::audit::AuditLog::default_location() else {
        let _ = writeln!(
            std::io::stderr(),
            "opsdeck: no state directory (set XDG_STATE_HOME or HOME)"
        );
        return ExitCode::from(2);
    };
    let entries = match log.read() {
        Ok(e) => e,
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "opsdeck: reading {}: {e}",
                log.path().display()
            );
            return ExitCode::from(1);
        }
    };
    let mut out = std::io::stdout().lock();
    if entries.is_empty() {
        let _ = writeln!(out, "no audit entries in {}", log.path().display());
        return ExitCode::SUCCESS;
    }
    let lines = if json {
        let skip = entries.len().saturating_sub(last * 2);
        entries[skip..]
            .iter()
            .filter_map(|e| serde_json::to_string(e).ok())
            .collect()
    } else {
        opsdeck::audit::format_recent(&entries, last)
    };
    for line in lines {
        let _ = writeln!(out, "{line}");
    }
    ExitCode::SUCCESS
}
