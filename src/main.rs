use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use opsdeck::cli::Cli;
use opsdeck::{app, aws, logging, tui};

fn main() -> ExitCode {
    let cli = Cli::parse();
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
    runtime.block_on(async {
        let ctx = match aws::connect(&cli.context_options()).await {
            Ok(ctx) => ctx,
            Err(e) => {
                tracing::error!("startup failed: {e}");
                let _ = writeln!(std::io::stderr(), "opsdeck: {e}");
                return ExitCode::from(2);
            }
        };
        match app::run(ctx, &cli).await {
            Ok(code) => ExitCode::from(code),
            Err(e) => {
                tracing::error!("stopped: {e:#}");
                let _ = writeln!(std::io::stderr(), "opsdeck: {e:#}");
                ExitCode::from(1)
            }
        }
    })
}
