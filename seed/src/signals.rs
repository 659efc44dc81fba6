//! Resolves when the process is asked to stop (SIGINT, SIGTERM or SIGHUP).

use tokio::signal::unix::{signal, SignalKind};

pub async fn shutdown() {
    let term = signal(SignalKind::terminate());
    let hup = signal(SignalKind::hangup());
    match (term, hup) {
        (Ok(mut term), Ok(mut hup)) => {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
                _ = hup.recv() => {}
            }
        }
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("opsdeck-seed: cannot listen for SIGTERM/SIGHUP ({e}); only Ctrl-C stops");
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
