//! The lines of the revision view (readable, or raw JSON with syntax colours) and of the
//! diff view. Built as whole documents so they scroll; `update` uses the counts to clamp
//! the scroll position.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::format::age_since;
use crate::model::task_definition_diff::{
    argv, shown, ChangeKind, DiffLineKind, TaskDefinitionDiff,
};
use crate::model::{arn_tail, ContainerDefinition, TaskDefinition, Timestamp};
use crate::theme::Theme;

/// Label column of the readable view.
const LABEL: usize = 13;

pub fn revision_line_count(td: &TaskDefinition, raw: bool) -> usize {
    if raw {
        td.raw_json().lines().count()
    } else {
        readable(td, None, &Theme::default()).len()
    }
}

pub fn diff_line_count(diff: &TaskDefinitionDiff) -> usize {
    diff_lines(diff, &Theme::default()).len()
}

/// Who registered a revision, short: `ci/build-881` for an assumed role, `alice` for a user.
pub fn principal(arn: &str) -> String {
    let resource = arn.rsplit(':').next().unwrap_or(arn);
    ["assumed-role/", "user/", "role/", "federated-user/"]
        .iter()
        .find_map(|p| resource.strip_prefix(p))
        .unwrap_or(resource)
        .to_string()
}

fn label(text: &str, theme: &Theme) -> Span<'static> {
    Span::styled(format!("{:<LABEL$}", format!("  {text}")), theme.muted)
}

fn field(name: &str, value: String, theme: &Theme) -> Vec<Span<'static>> {
    vec![
        Span::styled(format!("{name} "), theme.muted),
        Span::styled(value, theme.text),
        Span::raw("  "),
    ]
}

/// The readable view: task-level settings, then each container.
pub fn readable(td: &TaskDefinition, now: Option<Timestamp>, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let status_style = match td.status.as_str() {
        "ACTIVE" => theme.ok,
        "INACTIVE" => theme.muted,
        _ => theme.failed,
    };
    let registered = td
        .registered_at
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|| "-".into());
    let mut head = vec![
        Span::styled(td.short_name(), theme.title),
        Span::raw("  "),
        Span::styled(td.status.clone(), status_style),
        Span::styled("  registered ", theme.muted),
        Span::raw(registered),
    ];
    if let Some(now) = now {
        head.push(Span::styled(
            format!(" ({} ago)", age_since(now, td.registered_at)),
            theme.muted,
        ));
    }
    if !td.registered_by.is_empty() {
        head.push(Span::styled(" by ", theme.muted));
        head.push(Span::raw(principal(&td.registered_by)));
    }
    out.push(Line::from(head));

    let mut task = vec![label("task", theme)];
    task.extend(field("cpu", or_dash(&td.cpu), theme));
    task.extend(field("memory", or_dash(&td.memory), theme));
    task.extend(field("network", or_dash(&td.network_mode), theme));
    let compat = if td.requires_compatibilities.is_empty() {
        td.compatibilities.join(",")
    } else {
        td.requires_compatibilities.join(",")
    };
    task.extend(field("compatibilities", or_dash(&compat), theme));
    out.push(Line::from(task));

    let mut roles = vec![label("roles", theme)];
    roles.extend(field("task", or_dash(arn_tail(&td.task_role_arn)), theme));
    roles.extend(field(
        "execution",
        or_dash(arn_tail(&td.execution_role_arn)),
        theme,
    ));
    out.push(Line::from(roles));

    if td.runtime_platform.is_some() || td.ephemeral_storage_gib.is_some() {
        let mut platform = vec![label("platform", theme)];
        if let Some(p) = &td.runtime_platform {
            platform.extend(field(
                "os/arch",
                format!(
                    "{}/{}",
                    or_dash(&p.operating_system_family),
                    or_dash(&p.cpu_architecture)
                ),
                theme,
            ));
        }
        if let Some(gib) = td.ephemeral_storage_gib {
            platform.extend(field("ephemeral storage", format!("{gib} GiB"), theme));
        }
        out.push(Line::from(platform));
    }
    for (i, v) in td.volumes.iter().enumerate() {
        let name = if i == 0 { "volumes" } else { "" };
        out.push(Line::from(vec![
            label(name, theme),
            Span::raw(format!("{} ({} {})", v.name, v.kind, v.source).replace(" )", ")")),
        ]));
    }
    for c in &td.containers {
        out.push(Line::default());
        container(&mut out, c, theme);
    }
    out
}

fn container(out: &mut Vec<Line<'static>>, c: &ContainerDefinition, theme: &Theme) {
    let essential = if c.essential {
        Span::styled(" essential ", theme.muted)
    } else {
        Span::styled(" not essential ", theme.progress)
    };
    out.push(Line::from(vec![
        Span::styled(format!("▸ {}", c.name), theme.title),
        essential,
    ]));
    // The repository and tag first: on 80 columns a long registry host must not push
    // the tag off the screen.
    let (registry, image) = split_registry(&c.image);
    let mut image_line = vec![label("image", theme), Span::raw(image.to_string())];
    if !registry.is_empty() {
        image_line.push(Span::styled(format!("  from {registry}"), theme.muted));
    }
    out.push(Line::from(image_line));
    let mut resources = vec![label("resources", theme)];
    resources.extend(field(
        "cpu",
        if c.cpu == 0 {
            "-".into()
        } else {
            c.cpu.to_string()
        },
        theme,
    ));
    resources.extend(field("memory", opt(c.memory), theme));
    resources.extend(field("reservation", opt(c.memory_reservation), theme));
    out.push(Line::from(resources));
    let mut simple = |name: &str, value: String| {
        if !value.is_empty() {
            out.push(Line::from(vec![label(name, theme), Span::raw(value)]));
        }
    };
    simple("entry point", argv(&c.entry_point));
    simple("command", argv(&c.command));
    simple(
        "ports",
        c.port_mappings
            .iter()
            .map(|p| p.label())
            .collect::<Vec<_>>()
            .join("  "),
    );
    for (i, e) in c.environment.iter().enumerate() {
        out.push(Line::from(vec![
            label(if i == 0 { "env" } else { "" }, theme),
            Span::styled(e.name.clone(), theme.key),
            Span::styled("=", theme.muted),
            Span::raw(shown(&e.value)),
        ]));
    }
    for f in &c.environment_files {
        out.push(Line::from(vec![
            label("env file", theme),
            Span::raw(f.clone()),
        ]));
    }
    for (i, s) in c.secrets.iter().enumerate() {
        out.push(Line::from(vec![
            label(if i == 0 { "secrets" } else { "" }, theme),
            Span::styled(s.name.clone(), theme.key),
            Span::styled(" ← ", theme.muted),
            Span::raw(s.value_from.clone()),
        ]));
    }
    if let Some(log) = &c.log_configuration {
        let mut spans = vec![label("logs", theme), Span::raw(log.log_driver.clone())];
        for (k, v) in &log.options {
            spans.push(Span::styled(format!("  {k}="), theme.muted));
            spans.push(Span::raw(shown(v)));
        }
        for s in &log.secret_options {
            spans.push(Span::styled(format!("  {} ← ", s.name), theme.muted));
            spans.push(Span::raw(s.value_from.clone()));
        }
        out.push(Line::from(spans));
    }
    if let Some(h) = &c.health_check {
        let mut text = match h.command.split_first() {
            Some((first, rest)) if first == "CMD-SHELL" => rest.join(" "),
            _ => argv(&h.command),
        };
        let mut extra = Vec::new();
        if let Some(i) = h.interval {
            extra.push(format!("every {i}s"));
        }
        if let Some(t) = h.timeout {
            extra.push(format!("timeout {t}s"));
        }
        if let Some(r) = h.retries {
            extra.push(format!("{r} retries"));
        }
        if let Some(s) = h.start_period {
            extra.push(format!("start period {s}s"));
        }
        if !extra.is_empty() {
            text = format!("{}  ({})", shown(&text), extra.join(", "));
        }
        out.push(Line::from(vec![label("health", theme), Span::raw(text)]));
    }
    let mut simple = |name: &str, value: String| {
        if !value.is_empty() {
            out.push(Line::from(vec![label(name, theme), Span::raw(value)]));
        }
    };
    simple(
        "depends on",
        c.depends_on
            .iter()
            .map(|d| format!("{} ({})", d.container_name, d.condition))
            .collect::<Vec<_>>()
            .join(", "),
    );
    simple(
        "mounts",
        c.mount_points
            .iter()
            .map(|m| {
                let ro = if m.read_only { " ro" } else { "" };
                format!("{} → {}{ro}", m.source_volume, m.container_path)
            })
            .collect::<Vec<_>>()
            .join(", "),
    );
    simple(
        "ulimits",
        c.ulimits
            .iter()
            .map(|u| format!("{} {}/{}", u.name, u.soft_limit, u.hard_limit))
            .collect::<Vec<_>>()
            .join(", "),
    );
    let mut flags = Vec::new();
    if !c.user.is_empty() {
        flags.push(format!("user {}", c.user));
    }
    if !c.working_directory.is_empty() {
        flags.push(format!("workdir {}", c.working_directory));
    }
    if c.readonly_root_filesystem == Some(true) {
        flags.push("read-only root filesystem".into());
    }
    if c.privileged == Some(true) {
        flags.push("privileged".into());
    }
    if c.init_process_enabled == Some(true) {
        flags.push("init process".into());
    }
    if let Some(t) = c.stop_timeout {
        flags.push(format!("stop timeout {t}s"));
    }
    simple("settings", flags.join(", "));
    simple("registry auth", c.repository_credentials.clone());
    simple(
        "labels",
        c.docker_labels
            .iter()
            .map(|(k, v)| format!("{k}={}", shown(v)))
            .collect::<Vec<_>>()
            .join("  "),
    );
}

/// `123456789012.dkr.ecr.us-east-1.amazonaws.com/omni/web:1.4.2` →
/// (`123456789012.dkr.ecr.us-east-1.amazonaws.com`, `omni/web:1.4.2`); Docker Hub names
/// (`nginx:1.25`, `library/nginx`) have no registry part.
pub fn split_registry(image: &str) -> (&str, &str) {
    match image.split_once('/') {
        Some((host, rest)) if host.contains('.') || host.contains(':') || host == "localhost" => {
            (host, rest)
        }
        _ => ("", image),
    }
}

fn or_dash(s: &str) -> String {
    if s.is_empty() {
        "-".into()
    } else {
        s.to_string()
    }
}

fn opt(v: Option<i32>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "-".into())
}

/// Pretty-printed JSON, one styled line per line: keys, strings, numbers and literals
/// in their own colours.
pub fn json_lines(json: &str, theme: &Theme) -> Vec<Line<'static>> {
    json.lines().map(|l| json_line(l, theme)).collect()
}

fn json_line(line: &str, theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let mut plain = String::new();
    let flush = |plain: &mut String, spans: &mut Vec<Span<'static>>, style: Style| {
        if !plain.is_empty() {
            spans.push(Span::styled(std::mem::take(plain), style));
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '"' {
            flush(&mut plain, &mut spans, theme.muted);
            let start = i;
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i = (i + 1).min(chars.len());
            let token: String = chars[start..i].iter().collect();
            let is_key = chars[i..].iter().find(|c| !c.is_whitespace()) == Some(&':');
            spans.push(Span::styled(
                token,
                if is_key { theme.key } else { theme.ok },
            ));
        } else if c.is_ascii_digit() || c == '-' || c.is_ascii_alphabetic() {
            flush(&mut plain, &mut spans, theme.muted);
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || ".-+".contains(chars[i]))
            {
                i += 1;
            }
            spans.push(Span::styled(
                chars[start..i].iter().collect::<String>(),
                theme.progress,
            ));
        } else {
            plain.push(c);
            i += 1;
        }
    }
    flush(&mut plain, &mut spans, theme.muted);
    Line::from(spans)
}

/// The diff view: summary, then the unified diff of the normalised JSON.
pub fn diff_lines(diff: &TaskDefinitionDiff, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if diff.is_empty() {
        out.push(Line::from(Span::styled(
            "no changes: the two revisions differ only in revision number, registration and ARN",
            theme.muted,
        )));
        return out;
    }
    out.push(Line::from(Span::styled(
        format!(
            "{} change{} from {} to {}",
            diff.changes.len(),
            if diff.changes.len() == 1 { "" } else { "s" },
            diff.from,
            diff.to
        ),
        theme.title,
    )));
    for c in &diff.changes {
        let (sign, style) = match c.kind {
            ChangeKind::Added => ("+", theme.ok),
            ChangeKind::Removed => ("-", theme.failed),
            ChangeKind::Changed => ("~", theme.progress),
        };
        out.push(Line::from(vec![
            Span::styled(format!(" {sign} "), style),
            Span::styled(format!("{}: ", c.scope), theme.key),
            Span::styled(c.text.clone(), style),
        ]));
    }
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        format!("--- {}", diff.from),
        theme.failed,
    )));
    out.push(Line::from(Span::styled(
        format!("+++ {}", diff.to),
        theme.ok,
    )));
    for l in &diff.lines {
        let style = match l.kind {
            DiffLineKind::Hunk => theme.title,
            DiffLineKind::Context => theme.text,
            DiffLineKind::Removed => theme.failed,
            DiffLineKind::Added => theme.ok,
        };
        out.push(Line::from(Span::styled(l.to_string(), style)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registries_are_split_from_the_image() {
        assert_eq!(
            split_registry("123456789012.dkr.ecr.us-east-1.amazonaws.com/omni/web:1.4.2"),
            (
                "123456789012.dkr.ecr.us-east-1.amazonaws.com",
                "omni/web:1.4.2"
            )
        );
        assert_eq!(
            split_registry("localhost:5000/app:2"),
            ("localhost:5000", "app:2")
        );
        assert_eq!(
            split_registry("library/nginx:1.25"),
            ("", "library/nginx:1.25")
        );
        assert_eq!(split_registry("nginx"), ("", "nginx"));
    }

    #[test]
    fn principals_are_short() {
        assert_eq!(
            principal("arn:aws:sts::123456789012:assumed-role/ci/build-881"),
            "ci/build-881"
        );
        assert_eq!(principal("arn:aws:iam::123456789012:user/alice"), "alice");
        assert_eq!(principal("arn:aws:iam::123456789012:root"), "root");
    }

    #[test]
    fn json_keys_strings_and_numbers_are_told_apart() {
        let theme = Theme::default_theme().unwrap_or_else(|e| panic!("{e}"));
        let line = json_line(r#"    "cpu": 256, "image": "nginx:1.25","#, &theme);
        let styled: Vec<(String, Style)> = line
            .spans
            .iter()
            .map(|s| (s.content.to_string(), s.style))
            .collect();
        assert!(
            styled.contains(&("\"cpu\"".into(), theme.key)),
            "{styled:?}"
        );
        assert!(
            styled.contains(&("256".into(), theme.progress)),
            "{styled:?}"
        );
        assert!(
            styled.contains(&("\"nginx:1.25\"".into(), theme.ok)),
            "{styled:?}"
        );
    }
}
