//! The loop: input, clock, signals and AWS results become actions; `update` turns
//! them into state changes and effects; the screen is drawn once per batch, only
//! when something changed.

use std::time::Duration;

use chrono::Utc;
use crossterm::event::{Event, EventStream, KeyEventKind};
use futures::StreamExt;
use tokio::signal::unix::{signal, SignalKind};
use tokio::sync::mpsc;

use crate::action::Action;
use crate::aws::AwsContext;
use crate::cli::Cli;
use crate::effect::Effect;
use crate::keymap::Keymap;
use crate::runner::Runner;
use crate::state::{Settings, State};
use crate::theme::Theme;
use crate::{tui, ui, update};

/// Most actions applied before a redraw when results pour in (a 2,000-service load).
const BATCH: usize = 256;

/// Run the console until the user quits or a signal arrives. Returns the exit code.
pub async fn run(ctx: AwsContext, cli: &Cli) -> anyhow::Result<u8> {
    let theme = Theme::default_theme()?;
    let keymap = Keymap::default_keymap()?;
    let settings = Settings {
        refresh: cli.refresh_interval(),
        read_only: cli.read_only,
    };
    crate::state::log_buffer::set_default_capacity(cli.log_buffer as usize);
    let mut state = State::new(ctx.identity.clone(), settings, keymap, Utc::now());
    let (tx, rx) = mpsc::unbounded_channel();
    let mut runner = Runner::new(ctx.clients.clone(), tx);
    let first =
        update::open_initial_views(&mut state, cli.cluster.as_deref(), cli.service.as_deref());

    let mut terminal = tui::enter()?;
    let result = event_loop(&mut terminal, &mut state, &theme, &mut runner, rx, first).await;
    tui::restore();
    // ratatui's Drop writes to the terminal and panics if it is gone (SIGHUP); we restored it.
    std::mem::forget(terminal);
    result
}

async fn event_loop(
    terminal: &mut tui::Term,
    state: &mut State,
    theme: &Theme,
    runner: &mut Runner,
    mut rx: mpsc::UnboundedReceiver<Action>,
    first: Vec<Effect>,
) -> anyhow::Result<u8> {
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let mut sigint = signal(SignalKind::interrupt())?;
    let mut events = EventStream::new();
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    if run_effects(runner, first) {
        return Ok(0);
    }
    loop {
        if state.dirty {
            terminal.draw(|frame| ui::draw(frame, state, theme))?;
            state.dirty = false;
        }
        let action = tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) if key.kind != KeyEventKind::Release => Action::Key(key),
                Some(Ok(Event::Resize(..))) => Action::Resize,
                Some(Ok(_)) => continue,
                Some(Err(e)) => return Err(e.into()),
                // Input closed: nobody is at the keyboard any more.
                None => return Ok(0),
            },
            Some(action) = rx.recv() => action,
            _ = tick.tick() => Action::Tick,
            _ = sigterm.recv() => return Ok(143),
            _ = sighup.recv() => return Ok(129),
            _ = sigint.recv() => return Ok(130),
        };
        let mut batch = vec![action];
        while batch.len() < BATCH {
            match rx.try_recv() {
                Ok(more) => batch.push(more),
                Err(_) => break,
            }
        }
        for action in batch {
            let effects = update::update(state, action, Utc::now());
            if run_effects(runner, effects) {
                return Ok(0);
            }
        }
    }
}

/// Run effects; true when one of them is Quit.
fn run_effects(runner: &mut Runner, effects: Vec<Effect>) -> bool {
    for effect in effects {
        match effect {
            Effect::Fetch { id, request } => runner.fetch(id, request),
            Effect::Cancel(id) => runner.cancel(id),
            Effect::Quit => return true,
        }
    }
    false
}
