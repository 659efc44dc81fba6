//! Driving the real binary in a pseudo-terminal.
//!
//! [`Pty::spawn`] starts `opsdeck` in a pty of a fixed size with a controlled environment
//! (nothing inherited but `PATH`; `HOME` and `XDG_STATE_HOME` in a fresh temporary directory;
//! static dummy credentials for account 123456789012). A reader thread feeds everything the
//! program writes into a `vt100` terminal emulator, so tests read the screen a user would see.
//!
//! Waits poll every 50 ms up to a generous timeout: they are waits, not timing assertions
//! (CI has two shared cores). A failed wait returns a diagnostic with the last screen, whether
//! the program is still running, and the tail of its log file.
//!
//! Terminal restoration is checked two ways: the emulated screen has left the alternate screen
//! and shows the cursor, and the tty's line discipline is back in cooked mode. The latter reads
//! termios through the pty master (on Linux, TCGETS on a master reports the slave's settings);
//! `tests/e2e.rs` has control experiments proving that this reading sees raw mode while a
//! program has it on and after a program exits without restoring it.
//!
//! [`Pty::hang_up`] closes the terminal under the program (an SSH link dropping); the child
//! is killed (SIGKILL) when the `Pty` is dropped.
#![allow(dead_code)]

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, ExitStatus, MasterPty, PtySize};

/// How long a wait for something on screen may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(15);
/// How often waits look at the screen.
const POLL: Duration = Duration::from_millis(50);
/// The account the dummy access key id stands for (the emulator reads it as the account).
pub const ACCOUNT: &str = "123456789012";

/// Keys as a terminal sends them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Enter,
    /// A lone ESC byte. The program tells it apart from an escape sequence only because
    /// nothing follows at once, so wait for its effect before sending the next key.
    Esc,
    Up,
    Down,
    Left,
    Right,
    Backspace,
    Tab,
    CtrlC,
    Char(char),
}

impl Key {
    pub fn bytes(self) -> Vec<u8> {
        match self {
            Key::Enter => b"\r".to_vec(),
            Key::Esc => b"\x1b".to_vec(),
            Key::Up => b"\x1b[A".to_vec(),
            Key::Down => b"\x1b[B".to_vec(),
            Key::Right => b"\x1b[C".to_vec(),
            Key::Left => b"\x1b[D".to_vec(),
            Key::Backspace => b"\x7f".to_vec(),
            Key::Tab => b"\t".to_vec(),
            Key::CtrlC => b"\x03".to_vec(),
            Key::Char(c) => c.to_string().into_bytes(),
        }
    }
}

/// Line-discipline state of the tty, as read through the master.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineMode {
    pub icanon: bool,
    pub echo: bool,
}

impl LineMode {
    /// Cooked: line editing and echo on, as a shell expects to find the terminal.
    pub fn is_cooked(self) -> bool {
        self.icanon && self.echo
    }
    /// Raw as crossterm sets it: no line editing, no echo.
    pub fn is_raw(self) -> bool {
        !self.icanon && !self.echo
    }
}

/// A program running in a pseudo-terminal, with the screen it drew.
pub struct Pty {
    parser: Arc<Mutex<vt100::Parser>>,
    /// The pty master and our own duplicates of it for writing and reading; all three are
    /// closed by [`Pty::hang_up`] (the terminal goes away, as when an SSH link drops).
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<File>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    stop_reader: Arc<AtomicBool>,
    status: Option<ExitStatus>,
    dir: TempDir,
    pid: u32,
    program: String,
}

/// Options for [`Pty::spawn_with`].
#[derive(Debug, Clone)]
pub struct Options {
    pub rows: u16,
    pub cols: u16,
    /// Extra environment, applied after (and overriding) the controlled defaults.
    pub env: Vec<(String, String)>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            rows: 24,
            cols: 80,
            env: Vec::new(),
        }
    }
}

impl Options {
    pub fn size(rows: u16, cols: u16) -> Self {
        Options {
            rows,
            cols,
            ..Default::default()
        }
    }
}

impl Pty {
    /// `opsdeck <args>` at 80x24 with the controlled environment plus `env`.
    pub fn spawn(args: &[&str], env: &[(&str, &str)]) -> Pty {
        Pty::spawn_with(
            args,
            Options {
                env: env
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
                ..Default::default()
            },
        )
    }

    /// `opsdeck <args>` with explicit options (size, extra environment).
    pub fn spawn_with(args: &[&str], opts: Options) -> Pty {
        Pty::spawn_program(env!("CARGO_BIN_EXE_opsdeck"), args, opts)
    }

    /// Any program in the same controlled pty (used by the harness's own control experiments).
    pub fn spawn_program(program: &str, args: &[&str], opts: Options) -> Pty {
        let dir = TempDir::new();
        let home = dir.path().join("home");
        let state = dir.path().join("state");
        std::fs::create_dir_all(&home).expect("create temp HOME");
        std::fs::create_dir_all(&state).expect("create temp XDG_STATE_HOME");

        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env_clear();
        cmd.cwd(dir.path());
        let path = std::env::var("PATH").unwrap_or_else(|_| "/usr/local/bin:/usr/bin:/bin".into());
        let defaults: [(&str, &str); 9] = [
            ("PATH", &path),
            ("HOME", home.to_str().expect("utf-8 temp path")),
            ("XDG_STATE_HOME", state.to_str().expect("utf-8 temp path")),
            ("TERM", "xterm-256color"),
            ("AWS_ACCESS_KEY_ID", ACCOUNT),
            ("AWS_SECRET_ACCESS_KEY", "x"),
            ("AWS_REGION", "us-east-1"),
            ("AWS_EC2_METADATA_DISABLED", "true"),
            ("LANG", "C.UTF-8"),
        ];
        for (k, v) in defaults {
            cmd.env(k, v);
        }
        for (k, v) in &opts.env {
            cmd.env(k, v);
        }

        let size = PtySize {
            rows: opts.rows,
            cols: opts.cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system()
            .openpty(size)
            .unwrap_or_else(|e| panic!("openpty: {e}"));
        let child = pair
            .slave
            .spawn_command(cmd)
            .unwrap_or_else(|e| panic!("spawn {program} in a pty: {e}"));
        // Only the child keeps the slave open, so the reader sees EOF once it has exited
        // and every byte it wrote has been read.
        drop(pair.slave);
        let pid = child.process_id().expect("child pid");

        let parser = Arc::new(Mutex::new(vt100::Parser::new(opts.rows, opts.cols, 0)));
        // Our own duplicates of the master (not portable-pty's writer, whose drop types
        // a newline and EOF into the program).
        let master_fd = pair.master.as_raw_fd().expect("pty master fd");
        let mut reader = dup(master_fd);
        let writer = dup(master_fd);
        let feed = parser.clone();
        let stop_reader = Arc::new(AtomicBool::new(false));
        let stop = stop_reader.clone();
        let reader = std::thread::Builder::new()
            .name(format!("pty-reader-{pid}"))
            .spawn(move || {
                let mut buf = [0u8; 8192];
                while !stop.load(Ordering::SeqCst) {
                    // Wait at most 50 ms for output, so a hang-up can stop this thread.
                    let mut pfd = libc::pollfd {
                        fd: reader.as_raw_fd(),
                        events: libc::POLLIN,
                        revents: 0,
                    };
                    // SAFETY: one valid pollfd for the duration of the call.
                    match unsafe { libc::poll(&mut pfd, 1, 50) } {
                        0 => continue,
                        n if n < 0 => {
                            if std::io::Error::last_os_error().kind()
                                == std::io::ErrorKind::Interrupted
                            {
                                continue;
                            }
                            break;
                        }
                        _ => {}
                    }
                    match reader.read(&mut buf) {
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                        // EIO: the slave side is closed (the program exited) and all
                        // its output has been read.
                        Ok(0) | Err(_) => break,
                        Ok(n) => feed
                            .lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .process(&buf[..n]),
                    }
                }
            })
            .expect("spawn pty reader thread");

        Pty {
            parser,
            master: Some(pair.master),
            writer: Some(writer),
            child,
            reader: Some(reader),
            stop_reader,
            status: None,
            dir,
            pid,
            program: program.to_string(),
        }
    }

    /// Process id of the program, for signals.
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// Send a signal (e.g. `libc::SIGTERM`) to the program.
    pub fn signal(&self, signal: libc::c_int) {
        // SAFETY: plain kill(2) on the pid of our own child.
        let rc = unsafe { libc::kill(self.pid as libc::pid_t, signal) };
        assert_eq!(
            rc,
            0,
            "kill({}, {signal}): {}",
            self.pid,
            std::io::Error::last_os_error()
        );
    }

    /// Type text as-is (bytes to the terminal).
    pub fn send(&mut self, text: &str) {
        self.send_bytes(text.as_bytes());
    }

    pub fn send_key(&mut self, key: Key) {
        self.send_bytes(&key.bytes());
    }

    fn send_bytes(&mut self, bytes: &[u8]) {
        let writer = self
            .writer
            .as_mut()
            .expect("the terminal was hung up: nothing can be typed");
        writer
            .write_all(bytes)
            .and_then(|_| writer.flush())
            .unwrap_or_else(|e| panic!("writing to the pty: {e}"));
    }

    /// Close the terminal, as when an SSH connection drops: every master descriptor is
    /// closed, so the kernel hangs up the tty and signals the program's session (SIGHUP).
    /// Afterwards nothing can be typed and the screen no longer changes.
    pub fn hang_up(&mut self) {
        self.stop_reader.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        self.writer = None;
        self.master = None;
    }

    /// The screen as text, rows separated by newlines (trailing blanks trimmed).
    pub fn screen_text(&self) -> String {
        self.lock().screen().contents()
    }

    /// Background colour of a cell (row, column) as the terminal shows it.
    pub fn background_at(&self, row: u16, col: u16) -> Option<vt100::Color> {
        self.lock().screen().cell(row, col).map(|c| c.bgcolor())
    }

    /// Is the terminal reporting mouse events to the program?
    pub fn mouse_captured(&self) -> bool {
        self.lock().screen().mouse_protocol_mode() != vt100::MouseProtocolMode::None
    }

    /// Is the emulated terminal showing the alternate screen?
    pub fn alternate_screen(&self) -> bool {
        self.lock().screen().alternate_screen()
    }

    /// Is the cursor hidden?
    pub fn cursor_hidden(&self) -> bool {
        self.lock().screen().hide_cursor()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, vt100::Parser> {
        self.parser.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Wait until `text` is on screen; returns that screen, or a diagnostic.
    pub fn wait_for(&mut self, text: &str, timeout: Duration) -> Result<String, String> {
        self.wait_until(&format!("{text:?} on screen"), timeout, |s| {
            s.contains(text)
        })
    }

    /// Wait until every one of `texts` is on the same screen.
    pub fn wait_for_all(&mut self, texts: &[&str], timeout: Duration) -> Result<String, String> {
        self.wait_until(&format!("all of {texts:?} on screen"), timeout, |s| {
            texts.iter().all(|t| s.contains(t))
        })
    }

    /// Wait until `text` is no longer on screen.
    pub fn wait_gone(&mut self, text: &str, timeout: Duration) -> Result<String, String> {
        self.wait_until(&format!("{text:?} gone from the screen"), timeout, |s| {
            !s.contains(text)
        })
    }

    /// Wait until the screen satisfies `pred`; `what` describes it for the diagnostic.
    pub fn wait_until(
        &mut self,
        what: &str,
        timeout: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> Result<String, String> {
        let deadline = Instant::now() + timeout;
        loop {
            let screen = self.screen_text();
            if pred(&screen) {
                return Ok(screen);
            }
            if Instant::now() >= deadline {
                return Err(
                    self.diagnostic(&format!("timed out after {timeout:?} waiting for {what}"))
                );
            }
            // A program that has exited will not draw anything more: fail now, but only after
            // its last output was read (that output may be what we are waiting for).
            if self.status.is_none() && self.poll_exit().is_some() {
                self.drain_output(Duration::from_secs(5));
                let screen = self.screen_text();
                if pred(&screen) {
                    return Ok(screen);
                }
                return Err(
                    self.diagnostic(&format!("the program exited while waiting for {what}"))
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// [`wait_for`](Self::wait_for) with the default timeout; panics with the diagnostic.
    pub fn expect(&mut self, text: &str) -> String {
        self.wait_for(text, TIMEOUT)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// [`wait_for_all`](Self::wait_for_all) with the default timeout; panics with the diagnostic.
    pub fn expect_all(&mut self, texts: &[&str]) -> String {
        self.wait_for_all(texts, TIMEOUT)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// [`wait_gone`](Self::wait_gone) with the default timeout; panics with the diagnostic.
    pub fn expect_gone(&mut self, text: &str) -> String {
        self.wait_gone(text, TIMEOUT)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn poll_exit(&mut self) -> Option<ExitStatus> {
        if self.status.is_none() {
            if let Ok(Some(status)) = self.child.try_wait() {
                self.status = Some(status);
            }
        }
        self.status.clone()
    }

    /// Wait for the program to exit. On exit, everything it wrote has been fed to the
    /// screen before this returns (so the final screen can be asserted).
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        while self.poll_exit().is_none() {
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(POLL);
        }
        self.drain_output(Duration::from_secs(5));
        self.status.clone()
    }

    /// [`wait_exit`](Self::wait_exit) with the default timeout; panics with a diagnostic
    /// when the program is still running. Returns the exit code (1 if killed by a signal).
    pub fn expect_exit(&mut self) -> ExitStatus {
        match self.wait_exit(TIMEOUT) {
            Some(status) => status,
            None => panic!(
                "{}",
                self.diagnostic(&format!(
                    "still running {TIMEOUT:?} after it was asked to stop"
                ))
            ),
        }
    }

    /// Wait (bounded) for the reader thread to hit EOF, i.e. all output was processed.
    fn drain_output(&mut self, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        while let Some(reader) = &self.reader {
            if reader.is_finished() {
                let _ = self.reader.take().map(|r| r.join());
                return;
            }
            if Instant::now() >= deadline {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// ICANON and ECHO of the tty, read with tcgetattr on the pty master (on Linux this
    /// reports the slave's line discipline, which is what the program changed).
    pub fn line_mode(&self) -> LineMode {
        let fd = self
            .master
            .as_ref()
            .and_then(|m| m.as_raw_fd())
            .expect("pty master fd (the terminal was hung up)");
        // SAFETY: termios is plain data; tcgetattr fills it in or fails.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        let rc = unsafe { libc::tcgetattr(fd, &mut t) };
        assert_eq!(
            rc,
            0,
            "tcgetattr on the pty master: {}",
            std::io::Error::last_os_error()
        );
        LineMode {
            icanon: t.c_lflag & libc::ICANON != 0,
            echo: t.c_lflag & libc::ECHO != 0,
        }
    }

    /// The running program has put the tty in raw mode (no ICANON, no ECHO). Asserting this
    /// while it runs is what keeps [`assert_restored`](Self::assert_restored) from passing
    /// vacuously. Polls: raw mode may be switched on a moment after the first output.
    pub fn assert_raw_mode(&mut self) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let mode = self.line_mode();
            if mode.is_raw() {
                return;
            }
            if Instant::now() >= deadline {
                panic!(
                    "{}",
                    self.diagnostic(&format!(
                        "the tty is not in raw mode while the program runs: {mode:?}"
                    ))
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// After exit: the terminal was given back. The screen left the alternate screen, the
    /// cursor is visible, and the tty is in cooked mode (ICANON and ECHO on).
    pub fn assert_restored(&mut self) {
        assert!(
            self.poll_exit().is_some(),
            "{}",
            self.diagnostic("assert_restored: the program has not exited")
        );
        self.drain_output(Duration::from_secs(5));
        let mut problems = Vec::new();
        if self.alternate_screen() {
            problems.push("the terminal is still on the alternate screen");
        }
        if self.cursor_hidden() {
            problems.push("the cursor is still hidden");
        }
        let mode = self.line_mode();
        if !mode.icanon {
            problems.push("the tty is not in canonical mode (ICANON off: raw-mode leftover)");
        }
        if !mode.echo {
            problems.push("the tty does not echo (ECHO off: raw-mode leftover)");
        }
        assert!(
            problems.is_empty(),
            "{}",
            self.diagnostic(&format!("terminal not restored: {}", problems.join("; ")))
        );
    }

    /// The opsdeck log file of this run (in the temporary XDG_STATE_HOME).
    pub fn log_path(&self) -> PathBuf {
        self.dir.path().join("state/opsdeck/opsdeck.log")
    }

    /// What went wrong, with the screen, the process state and the log's tail.
    pub fn diagnostic(&mut self, what: &str) -> String {
        let status = match self.poll_exit() {
            Some(s) => format!("exited: {s:?}"),
            None => "still running".to_string(),
        };
        let (rows, cols) = self.lock().screen().size();
        let screen = self.screen_text();
        let framed: String = screen.lines().map(|l| format!("  |{l}\n")).collect();
        let log = std::fs::read_to_string(self.log_path())
            .map(|l| {
                let lines: Vec<&str> = l.lines().collect();
                lines[lines.len().saturating_sub(20)..].join("\n")
            })
            .unwrap_or_else(|e| format!("(no log: {e})"));
        format!(
            "{what}\nprogram: {} (pid {}, {status}); alternate screen: {}; cursor hidden: {}; tty: {:?}\n\
             last screen ({cols}x{rows}):\n{framed}last log lines:\n{log}",
            self.program,
            self.pid,
            self.alternate_screen(),
            self.cursor_hidden(),
            match self.master {
                Some(_) => format!("{:?}", self.line_mode()),
                None => "hung up".to_string(),
            },
        )
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if self.poll_exit().is_none() {
            // SAFETY: kill(2) on our own child, which has not been reaped yet.
            unsafe {
                libc::kill(self.pid as libc::pid_t, libc::SIGKILL);
            }
            let _ = self.child.wait();
        }
        // The reader ends once the slave is closed or within 50 ms of being told to stop.
        self.stop_reader.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
    }
}

/// A close-on-exec duplicate of `fd` as a file.
fn dup(fd: libc::c_int) -> File {
    // SAFETY: F_DUPFD_CLOEXEC returns a new descriptor that we then own.
    let new = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    assert!(
        new >= 0,
        "dup of the pty master: {}",
        std::io::Error::last_os_error()
    );
    // SAFETY: `new` is a fresh descriptor owned by nobody else.
    File::from(unsafe { OwnedFd::from_raw_fd(new) })
}

/// A directory under the system temp dir, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        loop {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0);
            let path = std::env::temp_dir()
                .join(format!("opsdeck-e2e-{}-{n}-{nanos}", std::process::id()));
            match std::fs::create_dir(&path) {
                Ok(()) => return TempDir(path),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => panic!("create {}: {e}", path.display()),
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
