//! Handing the terminal to an interactive child (session-manager-plugin) and taking
//! it back exactly as it was.
//!
//! The caller has already stopped drawing and dropped crossterm's EventStream (its
//! reader thread would otherwise steal the child's keystrokes). Here: leave the
//! alternate screen and raw mode, save the terminal settings, ignore SIGQUIT and
//! SIGTSTP (SIGINT is already caught by the app loop's handler, which the caller
//! discards afterwards) so Ctrl-C and friends reach the child, run it in the
//! foreground with inherited stdio, then restore the settings, re-enter and drop
//! whatever input arrived in between.

use std::io::{self, Write};
use std::os::unix::process::CommandExt;
use std::process::Command;
use std::time::{Duration, Instant};

use super::Invocation;
use crate::tui;

/// A session shorter than this probably failed (the plugin exits 0 even then):
/// its output stays on screen until Enter.
pub const SHORT_SESSION: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub elapsed: Duration,
    /// The child's exit code; None when killed by a signal or it did not start.
    pub code: Option<i32>,
    /// Set when the child could not be started.
    pub error: Option<String>,
}

pub async fn run_foreground(inv: &Invocation) -> Outcome {
    tui::suspend();
    let saved = termios_get();
    let _ = writeln!(io::stdout(), "{}\r", inv.banner);
    let _ = io::stdout().flush();
    let previous = ignore_job_signals();
    let started = Instant::now();
    let mut command = Command::new(&inv.program);
    command.args(&inv.args).envs(inv.env.iter().cloned());
    // SAFETY: between fork and exec only async-signal-safe calls (signal) are made.
    unsafe {
        command.pre_exec(|| {
            for sig in [libc::SIGINT, libc::SIGQUIT, libc::SIGTSTP] {
                libc::signal(sig, libc::SIG_DFL);
            }
            Ok(())
        });
    }
    let status = tokio::task::spawn_blocking(move || command.status()).await;
    let elapsed = started.elapsed();
    restore_signals(previous);
    if let Some(t) = saved {
        termios_set(&t);
    }
    let (code, error) = match status {
        Ok(Ok(s)) => (s.code(), None),
        Ok(Err(e)) => (None, Some(e.to_string())),
        Err(e) => (None, Some(e.to_string())),
    };
    if elapsed < SHORT_SESSION || error.is_some() {
        let why = error
            .as_deref()
            .map(|e| format!(": {e}"))
            .unwrap_or_default();
        let _ = write!(
            io::stdout(),
            "\r\nopsdeck: the session ended after {:.1} s{why}. Press Enter to return to opsdeck.",
            elapsed.as_secs_f64()
        );
        let _ = io::stdout().flush();
        let _ = tokio::task::spawn_blocking(|| {
            let mut line = String::new();
            io::stdin().read_line(&mut line)
        })
        .await;
    }
    tui::resume();
    discard_pending_input();
    Outcome {
        elapsed,
        code,
        error,
    }
}

fn termios_get() -> Option<libc::termios> {
    // SAFETY: tcgetattr writes into a zeroed termios we own.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        (libc::tcgetattr(libc::STDIN_FILENO, &mut t) == 0).then_some(t)
    }
}

fn termios_set(t: &libc::termios) {
    // SAFETY: a termios read by tcgetattr on the same fd.
    unsafe {
        libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, t);
    }
}

type Handlers = [(libc::c_int, libc::sighandler_t); 2];

fn ignore_job_signals() -> Handlers {
    // SAFETY: setting a signal disposition to SIG_IGN; the old one is restored after.
    unsafe {
        [
            (libc::SIGQUIT, libc::signal(libc::SIGQUIT, libc::SIG_IGN)),
            (libc::SIGTSTP, libc::signal(libc::SIGTSTP, libc::SIG_IGN)),
        ]
    }
}

fn restore_signals(previous: Handlers) {
    for (sig, handler) in previous {
        if handler != libc::SIG_ERR {
            // SAFETY: restoring the disposition returned by signal() above.
            unsafe {
                libc::signal(sig, handler);
            }
        }
    }
}

/// Keys typed while the child ran (or its last bytes) must not become opsdeck commands.
fn discard_pending_input() {
    // SAFETY: flushing the terminal's unread input queue.
    unsafe {
        libc::tcflush(libc::STDIN_FILENO, libc::TCIFLUSH);
    }
    while crossterm::event::poll(Duration::ZERO).unwrap_or(false) {
        if crossterm::event::read().is_err() {
            break;
        }
    }
}
