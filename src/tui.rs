//! Terminal set-up and the promise to always give it back: on quit, on panic,
//! and on SIGTERM / SIGHUP / SIGINT (handled in the app loop).

use std::io::{self, Stdout, Write};

use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::cursor::{Hide, Show};
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// The mouse is captured (restored on every way out, and after a hand-off).
static MOUSE: AtomicBool = AtomicBool::new(false);

pub fn enter(mouse: bool) -> io::Result<Term> {
    MOUSE.store(mouse, Ordering::Relaxed);
    enable_raw_mode()?;
    if mouse {
        let _ = execute!(io::stdout(), EnableMouseCapture);
    }
    if let Err(e) = execute!(io::stdout(), EnterAlternateScreen, Hide) {
        restore();
        return Err(e);
    }
    Terminal::new(CrosstermBackend::new(io::stdout())).inspect_err(|_| restore())
}

/// Copy text to the clipboard with OSC 52 (crossterm's `osc52`). Terminals that do not
/// support it ignore the sequence; a failed write (terminal gone) is not an error here.
pub fn copy_to_clipboard(text: &str) {
    let _ = execute!(
        io::stdout(),
        crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
    );
}

/// Leave raw mode and the alternate screen. Safe to call more than once.
pub fn restore() {
    if MOUSE.load(Ordering::Relaxed) {
        let _ = execute!(io::stdout(), DisableMouseCapture);
    }
    let _ = execute!(io::stdout(), LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
}

/// Give the terminal to a child program: normal screen, cooked mode, cursor shown.
pub fn suspend() {
    restore();
}

/// Take it back after the child: raw mode, alternate screen, cursor hidden.
/// The caller clears and redraws everything.
pub fn resume() {
    let _ = enable_raw_mode();
    let _ = execute!(io::stdout(), EnterAlternateScreen, Hide);
    if MOUSE.load(Ordering::Relaxed) {
        let _ = execute!(io::stdout(), EnableMouseCapture);
    }
}

/// A new Terminal over a cleared screen, after a child had it: the next draw paints
/// every cell. (`Terminal::clear` would ask the terminal for the cursor position,
/// which not every terminal answers.)
pub fn fresh() -> io::Result<Term> {
    execute!(
        io::stdout(),
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
    )?;
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

/// On panic: restore the terminal first, log the panic, print one plain line, exit 1.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        restore();
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        tracing::error!("panic{location}: {message}");
        // The terminal may be gone (SSH link dropped): a failed write must not panic again.
        let _ = writeln!(
            io::stderr(),
            "opsdeck stopped because of an internal error: {message}{location}. The terminal has been restored; details are in the log file."
        );
        std::process::exit(1);
    }));
}
