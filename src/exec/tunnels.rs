//! Port-forwarding tunnels: session-manager-plugin running in the background, one
//! process group per tunnel (so Ctrl-C in an exec session doesn't reach them), killed
//! when the tunnel is closed and when opsdeck exits.

use std::collections::HashMap;
use std::process::Stdio;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, BufReader};

use super::{plugin, preflight, ExecProblem, Invocation};
use crate::aws::{self, Clients};
use crate::model::{TunnelId, TunnelState, TunnelTarget};

/// What the user asked for in the port-forwarding dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TunnelRequest {
    pub id: TunnelId,
    pub cluster: String,
    pub task_arn: String,
    pub container: String,
    pub target: TunnelTarget,
    pub local_port: u16,
    pub region: String,
    pub profile: String,
    pub pass_credentials: bool,
}

/// Process ids of the running plugins, by tunnel: closing and exiting kill their groups.
#[derive(Debug, Clone, Default)]
pub struct Children(Arc<Mutex<HashMap<TunnelId, u32>>>);

impl Children {
    fn insert(&self, id: TunnelId, pid: u32) {
        if let Ok(mut map) = self.0.lock() {
            map.insert(id, pid);
        }
    }

    fn remove(&self, id: TunnelId) {
        if let Ok(mut map) = self.0.lock() {
            map.remove(&id);
        }
    }

    /// SIGTERM the tunnel's process group now (the plugin and anything it started).
    pub fn kill(&self, id: TunnelId) {
        let pid = self.0.lock().ok().and_then(|mut map| map.remove(&id));
        if let Some(pid) = pid.and_then(|p| i32::try_from(p).ok()) {
            // SAFETY: signalling a process group we created.
            unsafe {
                libc::kill(-pid, libc::SIGTERM);
            }
        }
    }

    pub fn kill_all(&self) {
        let ids: Vec<TunnelId> = self
            .0
            .lock()
            .map(|map| map.keys().copied().collect())
            .unwrap_or_default();
        for id in ids {
            self.kill(id);
        }
    }
}

/// Everything before the plugin starts: the task, the plugin, the local port, the session.
pub async fn prepare(clients: &Clients, req: &TunnelRequest) -> Result<Invocation, ExecProblem> {
    let task = aws::ecs::describe_tasks(clients, &req.cluster, vec![req.task_arn.clone()])
        .await
        .map_err(|e| ExecProblem::Aws(e.to_string()))?
        .into_iter()
        .next()
        .ok_or_else(|| ExecProblem::TaskGone {
            task: crate::model::arn_tail(&req.task_arn)
                .chars()
                .take(8)
                .collect(),
        })?;
    let runtime_id = preflight(&task, &req.container)?;
    let plugin = plugin::locate().await?;
    if std::net::TcpListener::bind(("127.0.0.1", req.local_port)).is_err() {
        return Err(ExecProblem::LocalPortInUse {
            port: req.local_port,
        });
    }
    let cluster = crate::model::arn_tail(&req.cluster);
    let target = format!("ecs:{cluster}_{}_{runtime_id}", task.id);
    let session =
        aws::ssm::start_port_forwarding(clients, &target, &req.target, req.local_port).await?;
    let credentials = if req.pass_credentials {
        Some(aws::exec::credentials(clients).await?)
    } else {
        None
    };
    Ok(plugin::invocation(
        &plugin,
        plugin::SessionSpec {
            session_json: plugin::ssm_session_json(&session),
            region: &req.region,
            profile: &req.profile,
            parameters_json: aws::ssm::parameters_json(&target, &req.target, req.local_port),
            credentials: credentials.as_ref(),
            banner: String::new(),
        },
    ))
}

/// Run one tunnel until its plugin exits (or the task running this is aborted, which
/// kills the plugin). `report` is told Open when the plugin listens, and why it ended.
pub async fn run(
    clients: &Clients,
    req: &TunnelRequest,
    children: &Children,
    report: impl Fn(TunnelState),
) {
    let invocation = match prepare(clients, req).await {
        Ok(i) => i,
        Err(problem) => return report(TunnelState::Failed(problem.to_string())),
    };
    let mut command = tokio::process::Command::new(&invocation.program);
    command
        .args(&invocation.args)
        .envs(invocation.env.iter().cloned())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .process_group(0);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(|| {
            // If opsdeck dies without cleaning up, the plugin goes too.
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
            Ok(())
        });
    }
    let mut child = match command.spawn() {
        Ok(c) => c,
        Err(e) => {
            return report(TunnelState::Failed(format!(
                "session-manager-plugin could not start: {e}"
            )))
        }
    };
    if let Some(pid) = child.id() {
        children.insert(req.id, pid);
    }
    let mut out = child.stdout.take().map(|s| BufReader::new(s).lines());
    let mut err = child.stderr.take().map(|s| BufReader::new(s).lines());
    let mut last = String::new();
    let mut open = false;
    while out.is_some() || err.is_some() {
        let line = tokio::select! {
            l = next_line(&mut out) => l,
            l = next_line(&mut err) => l,
        };
        let Some(line) = line else { continue };
        tracing::debug!(tunnel = req.id, "plugin: {line}");
        if !open
            && (line.contains("Waiting for connections") || line.contains("opened for sessionId"))
        {
            open = true;
            report(TunnelState::Open);
        }
        if !line.trim().is_empty() {
            last = crate::sanitize::one_line(&line);
        }
    }
    let status = child.wait().await;
    children.remove(req.id);
    let how = match status {
        Ok(s) if s.success() => "it exited".to_string(),
        Ok(s) => format!("it exited with {s}"),
        Err(e) => e.to_string(),
    };
    let said = if last.is_empty() {
        String::new()
    } else {
        format!(": {last}")
    };
    report(TunnelState::Failed(format!(
        "the tunnel stopped ({how}){said}"
    )));
}

/// The next line of a stream; a closed stream becomes None and is never polled again.
async fn next_line<R: tokio::io::AsyncBufRead + Unpin>(
    lines: &mut Option<tokio::io::Lines<R>>,
) -> Option<String> {
    let Some(reader) = lines.as_mut() else {
        return std::future::pending().await;
    };
    match reader.next_line().await {
        Ok(Some(line)) => Some(line),
        _ => {
            *lines = None;
            None
        }
    }
}
