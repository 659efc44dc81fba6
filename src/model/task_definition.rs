//! An ECS task definition revision, complete enough to read, diff and roll back to.
//!
//! Serialises with AWS's field names (camelCase) and leaves empty fields out, so the raw
//! JSON view reads like `aws ecs describe-task-definition`. Secrets carry only their name
//! and where they come from (`valueFrom`); ECS never returns resolved values and neither
//! does opsdeck.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Timestamp;

/// One revision of a task definition family, as DescribeTaskDefinition returns it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskDefinition {
    #[serde(rename = "taskDefinitionArn")]
    pub arn: String,
    pub family: String,
    pub revision: i32,
    /// ACTIVE, INACTIVE or DELETE_IN_PROGRESS.
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "rfc3339")]
    pub registered_at: Option<Timestamp>,
    /// The IAM principal that registered it (an ARN).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub registered_by: String,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "rfc3339")]
    pub deregistered_at: Option<Timestamp>,
    /// Task-level CPU units as ECS reports them ("256", "1024"), empty when unset.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub cpu: String,
    /// Task-level memory in MiB ("512", "2048"), empty when unset.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub memory: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub network_mode: String,
    /// What the revision was registered for (`requiresCompatibilities`), e.g. FARGATE.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub requires_compatibilities: Vec<String>,
    /// What ECS found it compatible with (`compatibilities`), e.g. EC2, FARGATE.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub compatibilities: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub task_role_arn: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub execution_role_arn: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runtime_platform: Option<RuntimePlatform>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ephemeral_storage_gib: Option<i32>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub pid_mode: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub ipc_mode: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub volumes: Vec<Volume>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub placement_constraints: Vec<String>,
    #[serde(rename = "containerDefinitions")]
    pub containers: Vec<ContainerDefinition>,
}

impl TaskDefinition {
    /// `family:revision`, the name people use.
    pub fn short_name(&self) -> String {
        format!("{}:{}", self.family, self.revision)
    }

    pub fn container(&self, name: &str) -> Option<&ContainerDefinition> {
        self.containers.iter().find(|c| c.name == name)
    }

    /// The document as ECS shows it (volatile fields included), pretty-printed.
    pub fn raw_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Times as the AWS CLI prints them, without pulling in chrono's serde feature.
fn rfc3339<S: serde::Serializer>(t: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        None => s.serialize_none(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuntimePlatform {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub cpu_architecture: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub operating_system_family: String,
}

/// A task-level volume: its name and where it comes from, in one line.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Volume {
    pub name: String,
    /// `host`, `efs`, `docker`, `fsx` or `bind` (no source: a task-scoped bind mount).
    pub kind: String,
    /// Host path, EFS file system id and root directory, or Docker driver.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub source: String,
}

/// One container of a task definition.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerDefinition {
    pub name: String,
    pub image: String,
    /// ECS treats a container without the flag as essential.
    pub essential: bool,
    /// CPU units reserved for the container; 0 when unset.
    pub cpu: i32,
    /// Hard memory limit in MiB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory: Option<i32>,
    /// Soft memory limit in MiB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory_reservation: Option<i32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entry_point: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub command: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub port_mappings: Vec<PortMapping>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub environment: Vec<EnvVar>,
    /// S3 ARNs of `.env` files loaded at start.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub environment_files: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub secrets: Vec<Secret>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_configuration: Option<LogConfiguration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_check: Option<HealthCheck>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<ContainerDependency>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mount_points: Vec<MountPoint>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ulimits: Vec<Ulimit>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub user: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub working_directory: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub readonly_root_filesystem: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub privileged: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub init_process_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_timeout: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stop_timeout: Option<i32>,
    /// Secrets Manager ARN of the private registry's credentials (a reference, not a secret).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub repository_credentials: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub docker_labels: BTreeMap<String, String>,
}

impl ContainerDefinition {
    /// What follows the last `:` after the last `/` (`repo/app:1.4.2` → `1.4.2`), or the
    /// digest for `@sha256:` images; empty for an untagged image (Docker's `latest`).
    pub fn image_tag(&self) -> &str {
        image_tag(&self.image)
    }
}

/// The tag (or digest) part of an image reference; see [`ContainerDefinition::image_tag`].
pub fn image_tag(image: &str) -> &str {
    if let Some((_, digest)) = image.split_once('@') {
        return digest;
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.rsplit_once(':') {
        Some((_, tag)) => tag,
        None => "",
    }
}

/// The repository part of an image reference (everything before the tag or digest).
pub fn image_repository(image: &str) -> &str {
    if let Some((repo, _)) = image.split_once('@') {
        return repo;
    }
    let tag = image_tag(image);
    if tag.is_empty() {
        image
    } else {
        &image[..image.len() - tag.len() - 1]
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PortMapping {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container_port: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_port: Option<i32>,
    /// tcp or udp.
    pub protocol: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub app_protocol: String,
    /// A range like `8000-8010` instead of one container port.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub container_port_range: String,
}

impl PortMapping {
    /// `8080/tcp`, `80→8080/tcp` when the host port differs, `8000-8010/udp`.
    pub fn label(&self) -> String {
        let port = match self.container_port {
            Some(p) => p.to_string(),
            None => self.container_port_range.clone(),
        };
        let host = match self.host_port {
            Some(h) if Some(h) != self.container_port && h != 0 => format!("{h}→"),
            _ => String::new(),
        };
        let proto = if self.protocol.is_empty() {
            "tcp"
        } else {
            &self.protocol
        };
        format!("{host}{port}/{proto}")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct EnvVar {
    pub name: String,
    pub value: String,
}

/// A secret injected as an environment variable: its name and where ECS reads it from
/// (a Secrets Manager or SSM Parameter Store ARN). Never a value.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Secret {
    pub name: String,
    pub value_from: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LogConfiguration {
    /// awslogs, firelens, splunk, …
    pub log_driver: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub options: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub secret_options: Vec<Secret>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthCheck {
    /// `["CMD-SHELL", "curl -f http://localhost/ || exit 1"]`.
    pub command: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retries: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_period: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerDependency {
    pub container_name: String,
    /// START, COMPLETE, SUCCESS or HEALTHY.
    pub condition: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MountPoint {
    pub source_volume: String,
    pub container_path: String,
    pub read_only: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ulimit {
    pub name: String,
    pub soft_limit: i32,
    pub hard_limit: i32,
}

/// A revision as ListTaskDefinitions names it: only the ARN, parsed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash, PartialOrd, Ord)]
pub struct TaskDefinitionRef {
    pub arn: String,
    pub family: String,
    pub revision: i32,
    /// ACTIVE, INACTIVE or DELETE_IN_PROGRESS when listed by status; empty when parsed.
    pub status: String,
}

impl TaskDefinitionRef {
    /// Parse `arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>`
    /// (or a bare `family:revision`); `None` for anything else.
    pub fn parse(arn: &str) -> Option<Self> {
        let tail = super::arn_tail(arn);
        let (family, revision) = tail.rsplit_once(':')?;
        let revision = revision.parse().ok()?;
        if family.is_empty() {
            return None;
        }
        Some(TaskDefinitionRef {
            arn: arn.to_string(),
            family: family.to_string(),
            revision,
            status: String::new(),
        })
    }

    pub fn short_name(&self) -> String {
        format!("{}:{}", self.family, self.revision)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_tags_and_repositories() {
        assert_eq!(image_tag("nginx:1.25"), "1.25");
        assert_eq!(image_tag("nginx"), "");
        assert_eq!(
            image_tag("123456789012.dkr.ecr.us-east-1.amazonaws.com/omni/web:1.4.2"),
            "1.4.2"
        );
        assert_eq!(
            image_tag("localhost:5000/app"),
            "",
            "a registry port is no tag"
        );
        assert_eq!(image_tag("repo/app@sha256:abc"), "sha256:abc");
        assert_eq!(
            image_repository("localhost:5000/app:2"),
            "localhost:5000/app"
        );
        assert_eq!(image_repository("repo/app@sha256:abc"), "repo/app");
        assert_eq!(image_repository("nginx"), "nginx");
    }

    #[test]
    fn refs_parse_from_arns_and_short_names() {
        let r = TaskDefinitionRef::parse(
            "arn:aws:ecs:us-east-1:123456789012:task-definition/omni-web:14",
        )
        .unwrap_or_else(|| panic!("parses"));
        assert_eq!((r.family.as_str(), r.revision), ("omni-web", 14));
        assert_eq!(r.short_name(), "omni-web:14");
        assert!(TaskDefinitionRef::parse("omni-web").is_none());
        assert!(TaskDefinitionRef::parse("omni-web:latest").is_none());
    }

    #[test]
    fn port_labels() {
        let p = PortMapping {
            container_port: Some(8080),
            host_port: Some(8080),
            protocol: "tcp".into(),
            ..Default::default()
        };
        assert_eq!(p.label(), "8080/tcp");
        let p = PortMapping {
            container_port: Some(8080),
            host_port: Some(80),
            protocol: "udp".into(),
            ..Default::default()
        };
        assert_eq!(p.label(), "80→8080/udp");
    }
}
