//! Helpers for integration tests against the local AWS emulator (ministack).
//!
//! - Accounts: the emulator takes a 12-digit access key id as that account's root, so every
//!   test works in its own fresh account ([`fresh_account`]) and tests can run in parallel
//!   against one shared emulator, also when it is reused across runs.
//! - SDK clients for seeding ([`ecs_client`]) and opsdeck's own [`Clients`] ([`clients`]) are
//!   built from static credentials, never from the environment.
//! - Seeding goes through the SDK: a cluster of Fargate services (awsvpc, circuit breaker) on a
//!   task definition with two containers ([`seed_cluster`]).
//! - IAM (users, roles) for the IAM-enforcing emulator: [`create_user`], [`create_role`].
//! - [`EnvCredentials`]: `opsdeck::aws::connect` reads credentials only from the standard AWS
//!   chain (environment, profiles), so tests that call it hold this guard, which serialises
//!   them and sets a hermetic AWS environment for the duration.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_credential_types::Credentials;
use aws_sdk_ecs::types::{
    AssignPublicIp, AwsVpcConfiguration, Compatibility, ContainerDefinition,
    DeploymentCircuitBreaker, DeploymentConfiguration, LaunchType, NetworkConfiguration,
    NetworkMode,
};
use opsdeck::aws::{ApiCounter, Clients, ContextOptions};

pub const REGION: &str = "us-east-1";
/// Whatever the secret: the emulator does not check signatures of an account's root key.
pub const ROOT_SECRET: &str = "secret";
pub const SUBNETS: [&str; 2] = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"];
pub const SECURITY_GROUP: &str = "sg-0123456789abcdef0";
/// The two containers of every seeded task definition: (name, image without tag).
pub const CONTAINERS: [(&str, &str); 2] = [
    ("app", "public.ecr.aws/nginx/nginx"),
    (
        "log-router",
        "public.ecr.aws/aws-observability/aws-for-fluent-bit",
    ),
];
/// How long eventual emulator state may take to show (a wait, not a timing assertion).
pub const EVENTUALLY: Duration = Duration::from_secs(20);

/// The plain emulator (`OPSDECK_EMULATOR_URL`).
pub fn url() -> String {
    super::required_env("OPSDECK_EMULATOR_URL")
}

/// The IAM-enforcing emulator (`OPSDECK_EMULATOR_AUTH_URL`, AUTH=true, nothing seeded).
pub fn auth_url() -> String {
    super::required_env("OPSDECK_EMULATOR_AUTH_URL")
}

/// A 12-digit account id no other test (and no earlier run) uses. Starts with 9, so it never
/// collides with the demo world's 123456789012.
pub fn fresh_account() -> String {
    format!("9{:011}", rand::random::<u64>() % 100_000_000_000)
}

/// SDK configuration for explicit credentials against the emulator.
pub fn sdk_config(url: &str, access_key: &str, secret: &str, token: Option<&str>) -> SdkConfig {
    let credentials = Credentials::new(access_key, secret, token.map(str::to_string), None, "test");
    SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(REGION))
        .endpoint_url(url)
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .build()
}

/// SDK configuration acting as the root of `account`.
pub fn account_config(url: &str, account: &str) -> SdkConfig {
    sdk_config(url, account, ROOT_SECRET, None)
}

/// An ECS client for seeding and for changing state behind opsdeck's back.
pub fn ecs_client(url: &str, account: &str) -> aws_sdk_ecs::Client {
    aws_sdk_ecs::Client::new(&account_config(url, account))
}

/// opsdeck's clients (with a fresh request counter) acting as the root of `account`.
pub fn clients(url: &str, account: &str) -> Clients {
    Clients::new(&account_config(url, account), ApiCounter::default())
}

/// What `--endpoint-url URL --region us-east-1` gives `opsdeck::aws::connect`.
pub fn context_options(url: &str) -> ContextOptions {
    ContextOptions {
        region: Some(REGION.into()),
        endpoint_url: Some(url.into()),
        ..ContextOptions::default()
    }
}

// ---------------------------------------------------------------------------------------------
// ECS seeding

/// A seeded cluster: its services all run `task_definition` (`family:1`).
#[derive(Debug, Clone)]
pub struct Seeded {
    pub cluster: String,
    pub family: String,
    /// ARN of revision 1.
    pub task_definition: String,
    pub services: Vec<String>,
}

/// Register a Fargate task definition with the two [`CONTAINERS`]; `tag` is the app image tag.
/// Returns the new revision's ARN.
pub async fn register_task_definition(
    ecs: &aws_sdk_ecs::Client,
    family: &str,
    tag: &str,
) -> String {
    let mut request = ecs
        .register_task_definition()
        .family(family)
        .requires_compatibilities(Compatibility::Fargate)
        .network_mode(NetworkMode::Awsvpc)
        .cpu("256")
        .memory("512");
    for (i, (name, image)) in CONTAINERS.iter().enumerate() {
        let tag = if i == 0 { tag } else { "stable" };
        request = request.container_definitions(
            ContainerDefinition::builder()
                .name(*name)
                .image(format!("{image}:{tag}"))
                .essential(i == 0)
                .build(),
        );
    }
    let resp = request
        .send()
        .await
        .unwrap_or_else(|e| panic!("seeding: RegisterTaskDefinition {family}: {e:?}"));
    resp.task_definition()
        .and_then(|t| t.task_definition_arn())
        .unwrap_or_else(|| panic!("seeding: RegisterTaskDefinition {family} returned no ARN"))
        .to_string()
}

/// A cluster with the Fargate capacity providers.
pub async fn create_cluster(ecs: &aws_sdk_ecs::Client, cluster: &str) {
    ecs.create_cluster()
        .cluster_name(cluster)
        .capacity_providers("FARGATE")
        .capacity_providers("FARGATE_SPOT")
        .send()
        .await
        .unwrap_or_else(|e| panic!("seeding: CreateCluster {cluster}: {e:?}"));
}

/// A Fargate service: awsvpc in [`SUBNETS`] behind [`SECURITY_GROUP`] without a public IP,
/// 100/200 % deployment with the circuit breaker (and rollback) on, ECS Exec enabled.
pub async fn create_service(
    ecs: &aws_sdk_ecs::Client,
    cluster: &str,
    service: &str,
    task_definition: &str,
    desired: i32,
) {
    let vpc = AwsVpcConfiguration::builder()
        .set_subnets(Some(SUBNETS.iter().map(|s| s.to_string()).collect()))
        .security_groups(SECURITY_GROUP)
        .assign_public_ip(AssignPublicIp::Disabled)
        .build()
        .unwrap_or_else(|e| panic!("seeding: awsvpc configuration: {e}"));
    ecs.create_service()
        .cluster(cluster)
        .service_name(service)
        .task_definition(task_definition)
        .desired_count(desired)
        .launch_type(LaunchType::Fargate)
        .network_configuration(
            NetworkConfiguration::builder()
                .awsvpc_configuration(vpc)
                .build(),
        )
        .deployment_configuration(
            DeploymentConfiguration::builder()
                .minimum_healthy_percent(100)
                .maximum_percent(200)
                .deployment_circuit_breaker(
                    DeploymentCircuitBreaker::builder()
                        .enable(true)
                        .rollback(true)
                        .build(),
                )
                .build(),
        )
        .enable_execute_command(true)
        .send()
        .await
        .unwrap_or_else(|e| panic!("seeding: CreateService {cluster}/{service}: {e:?}"));
}

/// A cluster with `services` Fargate services named `<cluster>-svc-NN`, each wanting
/// `desired` tasks of `<cluster>-app:1`.
pub async fn seed_cluster(
    ecs: &aws_sdk_ecs::Client,
    cluster: &str,
    services: usize,
    desired: i32,
) -> Seeded {
    create_cluster(ecs, cluster).await;
    let family = format!("{cluster}-app");
    let task_definition = register_task_definition(ecs, &family, "1.27").await;
    let names: Vec<String> = (0..services)
        .map(|i| format!("{cluster}-svc-{i:02}"))
        .collect();
    for name in &names {
        create_service(ecs, cluster, name, &task_definition, desired).await;
    }
    Seeded {
        cluster: cluster.to_string(),
        family,
        task_definition,
        services: names,
    }
}

/// Poll `probe` until it returns `Some`, or fail after [`EVENTUALLY`] with `what`.
pub async fn eventually<T, F, Fut>(what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + EVENTUALLY;
    loop {
        if let Some(v) = probe().await {
            return v;
        }
        if Instant::now() > deadline {
            panic!("timed out after {EVENTUALLY:?} waiting for {what}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

// ---------------------------------------------------------------------------------------------
// IAM on the IAM-enforcing emulator
//
// The project has no IAM SDK crate, and these calls are test set-up only, so they use IAM's
// query protocol over plain HTTP as the account's root. The emulator takes a 12-digit access
// key id as the root of that account and does not verify root signatures (ministack
// core/iam_evaluator.py: is_root_access_key / caller_verified), so the Authorization header
// only has to name the key. Everything opsdeck itself sends is signed by the SDK, and the
// keys created here ARE verified.

/// An IAM user's access key.
#[derive(Debug, Clone)]
pub struct AccessKey {
    pub id: String,
    pub secret: String,
}

/// One IAM query API call as the root of `account`; returns the XML response, panics on error.
pub fn iam(url: &str, account: &str, action: &str, params: &[(&str, &str)]) -> String {
    let host = url
        .strip_prefix("http://")
        .unwrap_or_else(|| panic!("IAM helper: only http:// emulator URLs, got {url}"))
        .trim_end_matches('/');
    let mut body = format!("Action={action}&Version=2010-05-08");
    for (k, v) in params {
        body.push('&');
        body.push_str(k);
        body.push('=');
        body.push_str(&form_encode(v));
    }
    let date = chrono::Utc::now().format("%Y%m%d");
    let request = format!(
        "POST / HTTP/1.1\r\nHost: {host}\r\n\
         Content-Type: application/x-www-form-urlencoded; charset=utf-8\r\n\
         Authorization: AWS4-HMAC-SHA256 Credential={account}/{date}/{REGION}/iam/aws4_request, \
         SignedHeaders=content-type;host, Signature={sig}\r\n\
         Content-Length: {len}\r\nConnection: close\r\n\r\n{body}",
        sig = "0".repeat(64),
        len = body.len(),
    );
    let mut stream =
        TcpStream::connect(host).unwrap_or_else(|e| panic!("IAM helper: connect {host}: {e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap_or_else(|e| panic!("IAM helper: {e}"));
    stream
        .write_all(request.as_bytes())
        .unwrap_or_else(|e| panic!("IAM helper: send {action}: {e}"));
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .unwrap_or_else(|e| panic!("IAM helper: read {action}: {e}"));
    let status_ok = response
        .lines()
        .next()
        .is_some_and(|l| l.split_whitespace().nth(1) == Some("200"));
    assert!(status_ok, "IAM {action} as {account} failed:\n{response}");
    response
}

/// Create an IAM user with one inline policy and an access key.
pub fn create_user(url: &str, account: &str, user: &str, policy: &serde_json::Value) -> AccessKey {
    iam(url, account, "CreateUser", &[("UserName", user)]);
    iam(
        url,
        account,
        "PutUserPolicy",
        &[
            ("UserName", user),
            ("PolicyName", "opsdeck-test"),
            ("PolicyDocument", &policy.to_string()),
        ],
    );
    let xml = iam(url, account, "CreateAccessKey", &[("UserName", user)]);
    AccessKey {
        id: xml_text(&xml, "AccessKeyId"),
        secret: xml_text(&xml, "SecretAccessKey"),
    }
}

/// Create a role with a trust policy and one inline permissions policy; returns its ARN.
pub fn create_role(
    url: &str,
    account: &str,
    role: &str,
    trust: &serde_json::Value,
    policy: &serde_json::Value,
) -> String {
    let xml = iam(
        url,
        account,
        "CreateRole",
        &[
            ("RoleName", role),
            ("AssumeRolePolicyDocument", &trust.to_string()),
        ],
    );
    iam(
        url,
        account,
        "PutRolePolicy",
        &[
            ("RoleName", role),
            ("PolicyName", "opsdeck-test"),
            ("PolicyDocument", &policy.to_string()),
        ],
    );
    xml_text(&xml, "Arn")
}

/// Allows reading ECS (what opsdeck's views need), nothing else.
pub fn ecs_read_policy() -> serde_json::Value {
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["ecs:List*", "ecs:Describe*"], "Resource": "*"}
        ]
    })
}

fn xml_text(xml: &str, tag: &str) -> String {
    let open = format!("<{tag}>");
    let start = xml
        .find(&open)
        .map(|i| i + open.len())
        .unwrap_or_else(|| panic!("no <{tag}> in IAM response:\n{xml}"));
    let end = xml[start..]
        .find(&format!("</{tag}>"))
        .unwrap_or_else(|| panic!("no </{tag}> in IAM response:\n{xml}"));
    xml[start..start + end].to_string()
}

fn form_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The environment `opsdeck::aws::connect` reads

/// Variables of the AWS credential and configuration chain that must not leak from the
/// environment the tests run in.
const AWS_ENV: [&str; 16] = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_STS",
    "AWS_ENDPOINT_URL_ECS",
    "AWS_ROLE_ARN",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
];

static ENV_LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Static credentials in the process environment (nothing else of the AWS chain: no profile
/// files, no instance metadata) for as long as the guard lives. Guards serialise: environment
/// variables are process-wide and tests run on parallel threads, so every test of a binary that
/// calls `connect` in-process must hold one. Dropping it restores the previous environment.
pub struct EnvCredentials {
    saved: Vec<(&'static str, Option<OsString>)>,
    _lock: tokio::sync::MutexGuard<'static, ()>,
}

impl EnvCredentials {
    pub async fn set(access_key: &str, secret: &str) -> EnvCredentials {
        let lock = ENV_LOCK.lock().await;
        let mut saved: Vec<_> = AWS_ENV.iter().map(|k| (*k, std::env::var_os(k))).collect();
        saved.push((
            "AWS_EC2_METADATA_DISABLED",
            std::env::var_os("AWS_EC2_METADATA_DISABLED"),
        ));
        let missing = missing_file();
        for key in AWS_ENV {
            std::env::remove_var(key);
        }
        std::env::set_var("AWS_CONFIG_FILE", &missing);
        std::env::set_var("AWS_SHARED_CREDENTIALS_FILE", &missing);
        std::env::set_var("AWS_EC2_METADATA_DISABLED", "true");
        std::env::set_var("AWS_ACCESS_KEY_ID", access_key);
        std::env::set_var("AWS_SECRET_ACCESS_KEY", secret);
        EnvCredentials { saved, _lock: lock }
    }
}

impl Drop for EnvCredentials {
    fn drop(&mut self) {
        for (key, value) in &self.saved {
            match value {
                Some(v) => std::env::set_var(key, v),
                None => std::env::remove_var(key),
            }
        }
    }
}

/// A path that does not exist (for AWS_CONFIG_FILE and friends).
pub fn missing_file() -> PathBuf {
    std::env::temp_dir().join(format!(
        "opsdeck-test-missing-{}-{}",
        std::process::id(),
        rand::random::<u32>()
    ))
}

/// A fresh empty directory under the system temp dir (removed by the caller if it cares).
pub fn empty_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "opsdeck-test-{name}-{}-{}",
        std::process::id(),
        rand::random::<u32>()
    ));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("create {}: {e}", dir.display()));
    dir
}
