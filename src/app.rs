//! The loop: input, clock, signals and AWS results become actions; `update` turns
//! them into state changes and effects; the screen is drawn once per batch, only
//! when something changed.

use std::time::Duration;

use chrono::Utc;
use crossterm::event::{Event, EventStream, KeyEventKind};
use futures::StreamExt;
use tokio::signal::unix::{signal, SignalKind};
use tokio::sync::mpsc;

use crate::action::{Action, Mouse, MouseKind};
use crate::aws::AwsContext;
use crate::cli::Cli;
use crate::config::{ColorDepth, Setup};
use crate::effect::Effect;
use crate::runner::Runner;
use crate::state::{ContextInfo, Settings, State};
use crate::theme::Theme;
use crate::{exec, tui, ui, update};

/// Most actions applied before a redraw when results pour in (a 2,000-service load).
const BATCH: usize = 256;

/// Run the console until the user quits or a signal arrives. Returns the exit code.
pub async fn run(ctx: AwsContext, cli: &Cli, setup: Setup) -> anyhow::Result<u8> {
    let theme = setup.theme;
    let settings = Settings {
        refresh: cli.refresh_interval(),
        read_only: setup.read_only,
        live_tail: setup.live_tail,
    };
    crate::state::log_buffer::set_default_capacity(cli.log_buffer as usize);
    let mut state = State::new(ctx.identity.clone(), settings, setup.keymap, Utc::now());
    state.context = ContextInfo {
        name: setup.context_name,
        label: setup.context_label,
        environment: setup.environment,
    };
    state.contexts = setup.contexts;
    state.current = setup.current;
    state.forced_read_only = cli.read_only;
    state.problems = setup.problems;
    let depth = setup.depth;
    let setup_mouse = setup.mouse;
    state.exec_default_command = cli.exec_command.clone();
    let remembered = exec::remembered::path();
    if let Some(path) = &remembered {
        state.exec_commands = exec::remembered::load(path);
    }
    let (tx, rx) = mpsc::unbounded_channel();
    let mut runner = Runner::new(ctx.clients.clone(), tx).with_config_path(
        cli.config
            .clone()
            .or_else(crate::config::paths::config_file),
    );
    if let Some(audit) = crate::audit::AuditLog::default_location() {
        let mutator = crate::aws::Mutator::new(
            ctx.clients.clone(),
            ctx.identity.clone(),
            setup.read_only,
            audit,
        )
        .with_context(&state.current.label);
        runner = runner.with_mutator(mutator);
    }
    let first =
        update::open_initial_views(&mut state, setup.cluster.as_deref(), cli.service.as_deref());

    let mut terminal = tui::enter(setup_mouse)?;
    let result = event_loop(
        &mut terminal,
        &mut state,
        (&theme, depth),
        &mut runner,
        rx,
        first,
    )
    .await;
    runner.close_all_tunnels();
    if let Some(path) = &remembered {
        exec::remembered::save(path, &state.exec_commands);
    }
    tui::restore();
    // ratatui's Drop writes to the terminal and panics if it is gone (SIGHUP); we restored it.
    std::mem::forget(terminal);
    result
}

async fn event_loop(
    terminal: &mut tui::Term,
    state: &mut State,
    (theme, depth): (&Theme, ColorDepth),
    runner: &mut Runner,
    mut rx: mpsc::UnboundedReceiver<Action>,
    first: Vec<Effect>,
) -> anyhow::Result<u8> {
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let mut sigint = signal(SignalKind::interrupt())?;
    let mut events = Some(EventStream::new());
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut next = run_effects(runner, first);
    loop {
        match std::mem::replace(&mut next, Next::Continue) {
            Next::Quit => return Ok(0),
            Next::Exec(invocation) => {
                // Nothing may read the terminal while the child owns it.
                drop(events.take());
                let outcome = exec::handoff::run_foreground(&invocation).await;
                events = Some(EventStream::new());
                // Ctrl-C during the session was meant for the child, not for us.
                sigint = signal(SignalKind::interrupt())?;
                *terminal = tui::fresh()?;
                state.dirty = true;
                next = run_effects(
                    runner,
                    update::update(state, Action::ExecEnded(outcome), Utc::now()),
                );
                continue;
            }
            Next::Continue => {}
        }
        if state.dirty {
            terminal.draw(|frame| {
                ui::draw(frame, state, theme);
                ui::fit_colours(frame.buffer_mut(), depth);
            })?;
            state.dirty = false;
        }
        let Some(input) = events.as_mut() else {
            events = Some(EventStream::new());
            continue;
        };
        let action = tokio::select! {
            event = input.next() => match event {
                Some(Ok(Event::Key(key))) if key.kind != KeyEventKind::Release => Action::Key(key),
                Some(Ok(Event::Resize(..))) => Action::Resize,
                Some(Ok(Event::Mouse(m))) => match mouse_action(m, terminal.size().map(|s| s.height).unwrap_or(24)) {
                    Some(action) => action,
                    None => continue,
                },
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
            if let Action::Connected(c) = &action {
                if let Ok(ctx) = &c.result {
                    let read_only = state.forced_read_only || c.context.read_only;
                    runner.adopt(ctx, read_only, &c.context.label);
                }
            }
            let effects = update::update(state, action, Utc::now());
            next = run_effects(runner, effects);
            if !matches!(next, Next::Continue) {
                // Results still queued are applied after the quit or the session.
                break;
            }
        }
    }
}

/// What the loop does after running a batch of effects.
enum Next {
    Continue,
    Quit,
    /// Hand the terminal to this program (ECS Exec), then come back.
    Exec(exec::Invocation),
}

/// Run effects in order; stop at Quit or at a terminal hand-off.
fn run_effects(runner: &mut Runner, effects: Vec<Effect>) -> Next {
    for effect in effects {
        match effect {
            Effect::Fetch { id, request } => runner.fetch(id, request),
            Effect::Cancel(id) => runner.cancel(id),
            Effect::Exec(invocation) => return Next::Exec(invocation),
            Effect::OpenTunnel(request) => runner.open_tunnel(request),
            Effect::CloseTunnel(id) => runner.close_tunnel(id),
            Effect::SwitchContext(context) => runner.connect(*context),
            Effect::SaveContext { name, context } => runner.save_context(name, *context),
            Effect::Quit => return Next::Quit,
            Effect::CopyToClipboard(text) => tui::copy_to_clipboard(&text),
            Effect::Mutate { id, mutation } => runner.mutate(id, mutation),
        }
    }
    Next::Continue
}

/// The wheel and left clicks; other mouse events are ignored.
fn mouse_action(event: crossterm::event::MouseEvent, rows: u16) -> Option<Action> {
    use crossterm::event::{MouseButton, MouseEventKind};
    let kind = match event.kind {
        MouseEventKind::ScrollUp => MouseKind::ScrollUp,
        MouseEventKind::ScrollDown => MouseKind::ScrollDown,
        MouseEventKind::Down(MouseButton::Left) => MouseKind::Click,
        _ => return None,
    };
    Some(Action::Mouse(Mouse {
        kind,
        row: event.row,
        rows,
    }))
}
