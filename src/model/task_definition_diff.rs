//! What changed between two task definition revisions: a summary in words, one line per
//! change ("web: image :1.4.2 → :1.5.0", "web: env +FEATURE_X=on", "task: cpu 512 → 1024"),
//! then a unified diff of the normalised JSON (sorted keys, volatile fields left out).
//!
//! Secrets are compared by name and source (`valueFrom`) only; a task definition never
//! holds a secret's value.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde_json::{Map, Value};
use similar::{ChangeTag, TextDiff};

use super::task_definition::{image_repository, image_tag, ContainerDefinition, TaskDefinition};

/// Fields that differ between any two revisions without being a change anyone made.
const VOLATILE: [&str; 6] = [
    "taskDefinitionArn",
    "revision",
    "status",
    "registeredAt",
    "registeredBy",
    "deregisteredAt",
];

/// Lines of context around each hunk of the unified diff.
pub const CONTEXT_LINES: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// One line of the summary: where (`task` or a container's name) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub scope: String,
    pub kind: ChangeKind,
    pub text: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.scope, self.text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffLineKind {
    /// `@@ -12,7 +12,8 @@`
    Hunk,
    Context,
    Removed,
    Added,
}

/// One line of the unified diff, without its trailing newline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    pub kind: DiffLineKind,
    pub text: String,
}

impl fmt::Display for DiffLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = match self.kind {
            DiffLineKind::Hunk => return f.write_str(&self.text),
            DiffLineKind::Context => ' ',
            DiffLineKind::Removed => '-',
            DiffLineKind::Added => '+',
        };
        write!(f, "{sign}{}", self.text)
    }
}

/// The difference from one revision (`from`, usually the older or the running one) to
/// another (`to`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskDefinitionDiff {
    /// `family:revision` of each side.
    pub from: String,
    pub to: String,
    pub changes: Vec<Change>,
    pub lines: Vec<DiffLine>,
}

impl TaskDefinitionDiff {
    /// No change anyone made (the revisions may still differ in volatile fields).
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.lines.is_empty()
    }

    /// The summary as text, one `scope: change` per line.
    pub fn summary_lines(&self) -> Vec<String> {
        self.changes.iter().map(Change::to_string).collect()
    }

    /// The unified diff as text, with `---`/`+++` headers, as `diff -u` prints it.
    pub fn unified_text(&self) -> String {
        let mut out = format!("--- {}\n+++ {}\n", self.from, self.to);
        for line in &self.lines {
            out.push_str(&line.to_string());
            out.push('\n');
        }
        out
    }
}

/// Compare two revisions: summary and unified diff.
pub fn diff(from: &TaskDefinition, to: &TaskDefinition) -> TaskDefinitionDiff {
    TaskDefinitionDiff {
        from: from.short_name(),
        to: to.short_name(),
        changes: summary(from, to),
        lines: unified(&normalised_json(from), &normalised_json(to)),
    }
}

/// The revision as a JSON value with volatile fields removed, environment, secrets and
/// containers sorted by name, and object keys sorted: two revisions registered from the
/// same input normalise to the same text.
pub fn normalised(td: &TaskDefinition) -> Value {
    let mut value = serde_json::to_value(td).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        for key in VOLATILE {
            map.remove(key);
        }
        if let Some(Value::Array(containers)) = map.get_mut("containerDefinitions") {
            for c in containers.iter_mut() {
                if let Value::Object(c) = c {
                    for key in ["environment", "secrets"] {
                        if let Some(Value::Array(items)) = c.get_mut(key) {
                            items.sort_by_key(|v| name_of(v).to_string());
                        }
                    }
                }
            }
            containers.sort_by_key(|v| name_of(v).to_string());
        }
    }
    sorted(value)
}

/// [`normalised`], pretty-printed.
pub fn normalised_json(td: &TaskDefinition) -> String {
    serde_json::to_string_pretty(&normalised(td)).unwrap_or_default()
}

fn name_of(v: &Value) -> &str {
    v.get("name").and_then(Value::as_str).unwrap_or_default()
}

/// Rebuild objects with keys in sorted order, whatever map type serde_json is built with.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let entries: BTreeMap<String, Value> =
                map.into_iter().map(|(k, v)| (k, sorted(v))).collect();
            Value::Object(entries.into_iter().collect::<Map<String, Value>>())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// Unified diff of two texts, line by line, [`CONTEXT_LINES`] of context per hunk.
pub fn unified(old: &str, new: &str) -> Vec<DiffLine> {
    let diff = TextDiff::from_lines(old, new);
    let mut out = Vec::new();
    for group in diff.grouped_ops(CONTEXT_LINES) {
        out.push(DiffLine {
            kind: DiffLineKind::Hunk,
            text: similar::udiff::UnifiedHunkHeader::new(&group).to_string(),
        });
        for op in &group {
            for change in diff.iter_changes(op) {
                let kind = match change.tag() {
                    ChangeTag::Equal => DiffLineKind::Context,
                    ChangeTag::Delete => DiffLineKind::Removed,
                    ChangeTag::Insert => DiffLineKind::Added,
                };
                out.push(DiffLine {
                    kind,
                    text: change.value().trim_end_matches('\n').to_string(),
                });
            }
        }
    }
    out
}

/// The summary in words: task-level changes first, then containers by name.
pub fn summary(from: &TaskDefinition, to: &TaskDefinition) -> Vec<Change> {
    let mut out = Summary::default();
    task_changes(&mut out, from, to);
    let names: BTreeSet<&str> = from
        .containers
        .iter()
        .chain(&to.containers)
        .map(|c| c.name.as_str())
        .collect();
    for name in names {
        match (from.container(name), to.container(name)) {
            (Some(a), Some(b)) => container_changes(&mut out, a, b),
            (None, Some(b)) => out.push(
                name,
                ChangeKind::Added,
                format!("container added (image {})", b.image),
            ),
            (Some(_), None) => out.push(name, ChangeKind::Removed, "container removed"),
            (None, None) => {}
        }
    }
    out.0
}

#[derive(Default)]
struct Summary(Vec<Change>);

impl Summary {
    fn push(&mut self, scope: &str, kind: ChangeKind, text: impl Into<String>) {
        self.0.push(Change {
            scope: scope.to_string(),
            kind,
            text: text.into(),
        });
    }

    /// `what old → new`, or `what set to new` / `what unset (was old)` when one side is
    /// empty; nothing when equal.
    fn value(&mut self, scope: &str, what: &str, old: &str, new: &str) {
        if old == new {
            return;
        }
        let (kind, text) = match (old.is_empty(), new.is_empty()) {
            (true, _) => (ChangeKind::Added, format!("{what} set to {new}")),
            (_, true) => (ChangeKind::Removed, format!("{what} unset (was {old})")),
            _ => (ChangeKind::Changed, format!("{what} {old} → {new}")),
        };
        self.push(scope, kind, text);
    }

    /// `what +x` / `what -y` for members of two sets.
    fn members(&mut self, scope: &str, what: &str, old: &[String], new: &[String]) {
        for x in old.iter().filter(|x| !new.contains(x)) {
            self.push(scope, ChangeKind::Removed, format!("{what} -{x}"));
        }
        for x in new.iter().filter(|x| !old.contains(x)) {
            self.push(scope, ChangeKind::Added, format!("{what} +{x}"));
        }
    }

    /// Any other field, compared as JSON: one line per differing leaf, objects walked.
    fn json(&mut self, scope: &str, path: &str, old: Option<&Value>, new: Option<&Value>) {
        if old == new {
            return;
        }
        if let (Some(Value::Object(a)), Some(Value::Object(b))) = (old, new) {
            let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for key in keys {
                let sub = if path.is_empty() {
                    words(key)
                } else {
                    format!("{path} {key}")
                };
                self.json(scope, &sub, a.get(key), b.get(key));
            }
            return;
        }
        let show = |v: Option<&Value>| v.map(compact).unwrap_or_default();
        self.value(scope, path, &show(old), &show(new));
    }
}

fn task_changes(out: &mut Summary, a: &TaskDefinition, b: &TaskDefinition) {
    const SCOPE: &str = "task";
    out.value(SCOPE, "cpu", &a.cpu, &b.cpu);
    out.value(SCOPE, "memory", &a.memory, &b.memory);
    out.value(SCOPE, "network mode", &a.network_mode, &b.network_mode);
    out.value(
        SCOPE,
        "task role",
        role(&a.task_role_arn),
        role(&b.task_role_arn),
    );
    out.value(
        SCOPE,
        "execution role",
        role(&a.execution_role_arn),
        role(&b.execution_role_arn),
    );
    out.value(
        SCOPE,
        "compatibilities",
        &a.requires_compatibilities.join(", "),
        &b.requires_compatibilities.join(", "),
    );
    let volumes = |t: &TaskDefinition| -> Vec<String> {
        t.volumes
            .iter()
            .map(|v| format!("{} ({} {})", v.name, v.kind, v.source).replace(" )", ")"))
            .collect()
    };
    out.members(SCOPE, "volume", &volumes(a), &volumes(b));
    let handled = [
        "cpu",
        "memory",
        "networkMode",
        "taskRoleArn",
        "executionRoleArn",
        "requiresCompatibilities",
        "volumes",
        "containerDefinitions",
    ];
    rest(out, SCOPE, &normalised(a), &normalised(b), &handled);
}

fn container_changes(out: &mut Summary, a: &ContainerDefinition, b: &ContainerDefinition) {
    let scope = a.name.as_str();
    if a.image != b.image {
        let (old, new) = if image_repository(&a.image) == image_repository(&b.image) {
            (tag_label(&a.image), tag_label(&b.image))
        } else {
            (a.image.clone(), b.image.clone())
        };
        out.push(scope, ChangeKind::Changed, format!("image {old} → {new}"));
    }
    out.value(scope, "essential", yes_no(a.essential), yes_no(b.essential));
    out.value(
        scope,
        "entry point",
        &argv(&a.entry_point),
        &argv(&b.entry_point),
    );
    out.value(scope, "command", &argv(&a.command), &argv(&b.command));
    out.value(scope, "cpu", &units(a.cpu), &units(b.cpu));
    out.value(scope, "memory", &opt(a.memory), &opt(b.memory));
    out.value(
        scope,
        "memory reservation",
        &opt(a.memory_reservation),
        &opt(b.memory_reservation),
    );

    let env = |c: &ContainerDefinition| -> BTreeMap<String, String> {
        c.environment
            .iter()
            .map(|e| (e.name.clone(), e.value.clone()))
            .collect()
    };
    keyed(out, scope, "env", &env(a), &env(b), true);
    let secrets = |c: &ContainerDefinition| -> BTreeMap<String, String> {
        c.secrets
            .iter()
            .map(|s| (s.name.clone(), s.value_from.clone()))
            .collect()
    };
    keyed(out, scope, "secret", &secrets(a), &secrets(b), false);

    let ports = |c: &ContainerDefinition| -> Vec<String> {
        c.port_mappings.iter().map(|p| p.label()).collect()
    };
    out.members(scope, "port", &ports(a), &ports(b));

    health_check_changes(out, a, b);

    let log = |c: &ContainerDefinition| -> (String, BTreeMap<String, String>) {
        c.log_configuration
            .as_ref()
            .map(|l| (l.log_driver.clone(), l.options.clone()))
            .unwrap_or_default()
    };
    let ((driver_a, options_a), (driver_b, options_b)) = (log(a), log(b));
    out.value(scope, "log driver", &driver_a, &driver_b);
    keyed(out, scope, "log option", &options_a, &options_b, true);

    let deps = |c: &ContainerDefinition| -> Vec<String> {
        c.depends_on
            .iter()
            .map(|d| format!("{} ({})", d.container_name, d.condition))
            .collect()
    };
    out.members(scope, "depends on", &deps(a), &deps(b));

    let handled = [
        "name",
        "image",
        "essential",
        "entryPoint",
        "command",
        "cpu",
        "memory",
        "memoryReservation",
        "environment",
        "secrets",
        "portMappings",
        "healthCheck",
        "logConfiguration",
        "dependsOn",
    ];
    let value = |c: &ContainerDefinition| sorted(serde_json::to_value(c).unwrap_or(Value::Null));
    rest(out, scope, &value(a), &value(b), &handled);
    // Secret options of the log driver: names and sources, like secrets.
    let log_secrets = |c: &ContainerDefinition| -> BTreeMap<String, String> {
        c.log_configuration
            .iter()
            .flat_map(|l| &l.secret_options)
            .map(|s| (s.name.clone(), s.value_from.clone()))
            .collect()
    };
    keyed(
        out,
        scope,
        "log secret",
        &log_secrets(a),
        &log_secrets(b),
        false,
    );
}

fn health_check_changes(out: &mut Summary, a: &ContainerDefinition, b: &ContainerDefinition) {
    let scope = a.name.as_str();
    match (&a.health_check, &b.health_check) {
        (None, None) => {}
        (None, Some(h)) => out.push(
            scope,
            ChangeKind::Added,
            format!("health check added ({})", health_command(&h.command)),
        ),
        (Some(_), None) => out.push(scope, ChangeKind::Removed, "health check removed"),
        (Some(x), Some(y)) => {
            out.value(
                scope,
                "health check",
                &health_command(&x.command),
                &health_command(&y.command),
            );
            let seconds = |v: Option<i32>| v.map(|s| format!("{s}s")).unwrap_or_default();
            out.value(
                scope,
                "health check interval",
                &seconds(x.interval),
                &seconds(y.interval),
            );
            out.value(
                scope,
                "health check timeout",
                &seconds(x.timeout),
                &seconds(y.timeout),
            );
            out.value(
                scope,
                "health check retries",
                &opt(x.retries),
                &opt(y.retries),
            );
            out.value(
                scope,
                "health check start period",
                &seconds(x.start_period),
                &seconds(y.start_period),
            );
        }
    }
}

/// `what +NAME=value`, `what -NAME=value`, `what NAME old → new`; values left out when
/// `show_values` is false (secrets: only the source is shown when it moved).
fn keyed(
    out: &mut Summary,
    scope: &str,
    what: &str,
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
    show_values: bool,
) {
    let with = |k: &str, v: &str| {
        if show_values {
            format!("{k}={}", shown(v))
        } else {
            k.to_string()
        }
    };
    for (k, v) in old.iter().filter(|(k, _)| !new.contains_key(*k)) {
        out.push(
            scope,
            ChangeKind::Removed,
            format!("{what} -{}", with(k, v)),
        );
    }
    for (k, v) in new.iter().filter(|(k, _)| !old.contains_key(*k)) {
        out.push(scope, ChangeKind::Added, format!("{what} +{}", with(k, v)));
    }
    for (k, v) in new {
        if let Some(was) = old.get(k).filter(|was| *was != v) {
            let text = if show_values {
                format!("{what} {k} {} → {}", shown(was), shown(v))
            } else {
                format!("{what} {k} from {was} → {v}")
            };
            out.push(scope, ChangeKind::Changed, text);
        }
    }
}

/// Fields without a dedicated rule, compared generically.
fn rest(out: &mut Summary, scope: &str, a: &Value, b: &Value, handled: &[&str]) {
    let strip = |v: &Value| -> Value {
        let mut v = v.clone();
        if let Value::Object(map) = &mut v {
            for key in handled.iter().chain(VOLATILE.iter()) {
                map.remove(*key);
            }
        }
        v
    };
    out.json(scope, "", Some(&strip(a)), Some(&strip(b)));
}

/// `:1.4.2` for a tag, `@sha256:…` for a digest, `:latest` when untagged.
fn tag_label(image: &str) -> String {
    let tag = image_tag(image);
    if image.contains('@') {
        format!("@{tag}")
    } else if tag.is_empty() {
        ":latest".to_string()
    } else {
        format!(":{tag}")
    }
}

/// `arn:aws:iam::123456789012:role/omni-task` → `omni-task`.
fn role(arn: &str) -> &str {
    super::arn_tail(arn)
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

fn units(cpu: i32) -> String {
    if cpu == 0 {
        String::new()
    } else {
        cpu.to_string()
    }
}

fn opt(v: Option<i32>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// An argument vector as one line, arguments with spaces quoted.
pub fn argv(args: &[String]) -> String {
    args.iter()
        .map(|a| {
            let a = shown(a);
            if a.is_empty() || a.contains(' ') {
                format!("\"{a}\"")
            } else {
                a
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A health check command without the `CMD-SHELL`/`CMD` marker when it is a shell line.
fn health_command(cmd: &[String]) -> String {
    match cmd.split_first() {
        Some((first, rest)) if first == "CMD-SHELL" => rest.join(" "),
        _ => argv(cmd),
    }
}

/// A value on one line: breaks shown as `↵`, the empty string as `""`.
pub fn shown(v: &str) -> String {
    if v.is_empty() {
        "\"\"".to_string()
    } else {
        v.replace('\n', "↵")
    }
}

fn compact(v: &Value) -> String {
    match v {
        Value::String(s) => shown(s),
        Value::Null => String::new(),
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            format!(
                "[{}]",
                items.iter().map(compact).collect::<Vec<_>>().join(", ")
            )
        }
        other => other.to_string(),
    }
}

/// `readonlyRootFilesystem` → `readonly root filesystem`.
fn words(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push(' ');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
#[path = "task_definition_diff_tests.rs"]
mod tests;
