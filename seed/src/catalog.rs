//! What the demo world contains: projects (one cluster, one infrastructure stack, one log group
//! each) and their services. Everything else is derived from this table.

/// How a container logs, which decides the shape of its seeded log lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Node/Next.js web front behind the ALB: access log lines, Node stack traces.
    NodeWeb,
    /// Java (Spring) API: JSON lines, Java stack traces.
    JavaApi,
    /// Python worker: JSON lines, Python tracebacks.
    PythonWorker,
    /// Python API (FastAPI/uvicorn): uvicorn access lines, JSON lines, tracebacks.
    PythonApi,
    /// Node background worker: pino-style JSON lines.
    NodeWorker,
}

/// Something done to a service after it was created, so it has several deployments and events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum After {
    /// UpdateService to each newer revision of its family in turn, up to the newest.
    DeployLatest,
    /// UpdateService to a new desired count.
    ScaleTo(i32),
}

pub struct Container {
    pub name: &'static str,
    pub repo: &'static str,
    pub style: Style,
    pub port: Option<i32>,
    pub essential: bool,
    pub health_path: Option<&'static str>,
}

pub struct Service {
    pub name: &'static str,
    pub family: &'static str,
    /// `awslogs-stream-prefix`
    pub stream_prefix: &'static str,
    pub containers: &'static [Container],
    pub desired: i32,
    /// Revisions registered in the family (the service is created on `revisions - behind`).
    pub revisions: i32,
    /// How many revisions behind the newest the service is created on.
    pub behind: i32,
    /// Put behind the project's ALB target group (first container with a port).
    pub load_balanced: bool,
    pub exec: bool,
    pub after: Option<After>,
    /// Baseline CPU and memory utilisation (percent) for the seeded metrics.
    pub cpu: f64,
    pub mem: f64,
}

pub struct Project {
    /// Short name: prefixes stacks, roles, repositories.
    pub name: &'static str,
    pub cluster: &'static str,
    pub stack: &'static str,
    pub log_group: &'static str,
    pub vpc_cidr_prefix: &'static str,
    pub services: &'static [Service],
}

const fn container(
    name: &'static str,
    repo: &'static str,
    style: Style,
    port: Option<i32>,
    health_path: Option<&'static str>,
) -> Container {
    Container {
        name,
        repo,
        style,
        port,
        essential: true,
        health_path,
    }
}

pub const PROJECTS: &[Project] = &[
    Project {
        name: "omni-acme",
        cluster: "omni-acme-cluster",
        stack: "omni-acme-infra",
        log_group: "/ecs/omni-acme",
        vpc_cidr_prefix: "10.40",
        services: &[
            Service {
                name: "omni-web",
                family: "omni-web",
                stream_prefix: "omni-web",
                containers: &[container(
                    "omni-web",
                    "omni-web",
                    Style::NodeWeb,
                    Some(3000),
                    Some("/api/health"),
                )],
                desired: 3,
                revisions: 9,
                behind: 2,
                load_balanced: true,
                exec: true,
                after: Some(After::DeployLatest),
                cpu: 38.0,
                mem: 61.0,
            },
            Service {
                name: "omni-searcher",
                family: "omni-searcher",
                stream_prefix: "omni-searcher",
                containers: &[container(
                    "omni-searcher",
                    "omni-searcher",
                    Style::JavaApi,
                    Some(8080),
                    Some("/actuator/health"),
                )],
                desired: 2,
                revisions: 4,
                behind: 0,
                load_balanced: false,
                exec: false,
                after: None,
                cpu: 52.0,
                mem: 72.0,
            },
            Service {
                name: "omni-indexer",
                family: "omni-indexer",
                stream_prefix: "omni-indexer",
                containers: &[container(
                    "omni-indexer",
                    "omni-indexer",
                    Style::PythonWorker,
                    None,
                    None,
                )],
                desired: 1,
                revisions: 3,
                behind: 1,
                load_balanced: false,
                exec: false,
                after: None,
                cpu: 24.0,
                mem: 45.0,
            },
            Service {
                name: "omni-ai",
                family: "omni-ai",
                stream_prefix: "omni-ai",
                containers: &[container(
                    "omni-ai",
                    "omni-ai",
                    Style::PythonApi,
                    Some(8000),
                    Some("/healthz"),
                )],
                desired: 2,
                revisions: 5,
                behind: 0,
                load_balanced: false,
                exec: true,
                after: None,
                cpu: 67.0,
                mem: 81.0,
            },
        ],
    },
    Project {
        name: "omen-production",
        cluster: "omen-production",
        stack: "omen-production-infra",
        log_group: "/ecs/omen-production",
        vpc_cidr_prefix: "10.60",
        services: &[Service {
            name: "omen-epr-service",
            family: "omen-epr",
            stream_prefix: "omen-epr",
            containers: &[
                container(
                    "api",
                    "omen-epr-api",
                    Style::JavaApi,
                    Some(8080),
                    Some("/actuator/health"),
                ),
                Container {
                    name: "audit-worker",
                    repo: "omen-audit-worker",
                    style: Style::NodeWorker,
                    port: None,
                    essential: false,
                    health_path: None,
                },
            ],
            desired: 2,
            revisions: 4,
            behind: 0,
            load_balanced: true,
            exec: true,
            after: None,
            cpu: 31.0,
            mem: 58.0,
        }],
    },
    Project {
        name: "farsight",
        cluster: "farsight-cluster",
        stack: "farsight-infra",
        log_group: "/ecs/farsight",
        vpc_cidr_prefix: "10.50",
        services: &[
            Service {
                name: "farsight-api-server",
                family: "farsight-api-server",
                stream_prefix: "farsight-api-server",
                containers: &[container(
                    "api-server",
                    "farsight-api",
                    Style::PythonApi,
                    Some(8000),
                    Some("/healthz"),
                )],
                desired: 2,
                revisions: 3,
                behind: 0,
                load_balanced: true,
                exec: true,
                after: None,
                cpu: 44.0,
                mem: 53.0,
            },
            Service {
                name: "farsight-worker",
                family: "farsight-worker",
                stream_prefix: "farsight-worker",
                containers: &[container(
                    "worker",
                    "farsight-worker",
                    Style::PythonWorker,
                    None,
                    None,
                )],
                desired: 2,
                revisions: 3,
                behind: 0,
                load_balanced: false,
                exec: false,
                after: Some(After::ScaleTo(4)),
                cpu: 58.0,
                mem: 49.0,
            },
        ],
    },
];

/// The bootstrap stack a customer deploys so that opsdeck can assume a role in their account.
pub const BOOTSTRAP_STACK: &str = "opsdeck-customer-bootstrap";
pub const BOOTSTRAP_ROLE: &str = "OpsdeckOperator";
/// The account trusted by the bootstrap role (the "support" account) and its External ID.
pub const OPERATOR_ACCOUNT: &str = "111111111111";
pub const EXTERNAL_ID: &str = "opsdeck-demo-7f3k2q";

/// The Aurora PostgreSQL cluster and its instances (writer first); the Multi-AZ PostgreSQL
/// instances are listed in rds.rs.
pub const AURORA_CLUSTER: &str = "omen-production-aurora";
pub const AURORA_INSTANCES: &[&str] = &["omen-production-aurora-1", "omen-production-aurora-2"];

/// ElastiCache: one Redis replication group with failover, plus standalone cache clusters.
pub const REPLICATION_GROUP: &str = "omni-acme-redis";
pub const CACHE_CLUSTERS: &[&str] = &["farsight-cache", "omen-sessions"];

/// Log groups that do not belong to ECS.
pub const EXTRA_LOG_GROUPS: &[&str] = &[
    "/aws/rds/instance/omni-acme-db/postgresql",
    "/aws/rds/instance/farsight-db/postgresql",
    "/aws/lambda/omni-acme-thumbnailer",
];

/// Which service a task belongs to, from the task's `group` (`service:<name>`) and its cluster.
pub fn service_for_group(
    cluster: &str,
    group: &str,
) -> Option<(&'static Project, &'static Service)> {
    let name = group.strip_prefix("service:")?;
    PROJECTS
        .iter()
        .filter(|p| p.cluster == cluster)
        .flat_map(|p| p.services.iter().map(move |s| (p, s)))
        .find(|(_, s)| s.name == name)
}
