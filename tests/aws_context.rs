//! Startup through `opsdeck::aws::connect`: who opsdeck acts as, and what the person at the
//! keyboard is told when it cannot start.
//!
//! `connect` takes its credentials from the standard AWS chain only, so the in-process tests
//! put static credentials in the environment under [`EnvCredentials`], which serialises them
//! (environment variables are process-wide). Failures a user sees on the terminal are checked
//! by running the real binary with a cleared environment: exit code 2 and the message on stderr.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::emulator::{self, EnvCredentials};
use opsdeck::aws::{self, ecs, StartupError};

/// The trust policy of a customer's support role: `trusted` account, External ID required.
fn trust_with_external_id(trusted: &str, external_id: &str) -> serde_json::Value {
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"AWS": format!("arn:aws:iam::{trusted}:root")},
            "Action": "sts:AssumeRole",
            "Condition": {"StringEquals": {"sts:ExternalId": external_id}}
        }]
    })
}

/// A customer account with a support role that `support_account` may assume with
/// `external_id`, and a cluster to look at. Returns (customer account, role ARN).
async fn customer_account(url: &str, support_account: &str, external_id: &str) -> (String, String) {
    let customer = emulator::fresh_account();
    let role = emulator::create_role(
        url,
        &customer,
        "CustomerSupport",
        &trust_with_external_id(support_account, external_id),
        &emulator::ecs_read_policy(),
    );
    emulator::create_cluster(&emulator::ecs_client(url, &customer), "customer-prod").await;
    (customer, role)
}

/// What the user sees when the binary gives up at startup.
struct Exit {
    code: Option<i32>,
    stderr: String,
}

/// Run `opsdeck` with only `env` in its environment (plus an empty HOME and state dir) and
/// stdin closed. It must exit on its own: every case here fails before the UI would open.
fn run_opsdeck(args: &[&str], env: &[(&str, &str)]) -> Exit {
    let home = emulator::empty_dir("home");
    let mut child = Command::new(env!("CARGO_BIN_EXE_opsdeck"))
        .args(args)
        .env_clear()
        .env("HOME", &home)
        .env("XDG_STATE_HOME", home.join("state"))
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn opsdeck: {e}"));
    let stderr = child.stderr.take();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut s) = stderr {
            let _ = std::io::Read::read_to_string(&mut s, &mut text);
        }
        text
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("opsdeck {args:?} did not exit within 60 s");
            }
            Err(e) => panic!("waiting for opsdeck: {e}"),
        }
    };
    let stderr = reader.join().unwrap_or_default();
    let _ = std::fs::remove_dir_all(&home);
    Exit {
        code: status.code(),
        stderr,
    }
}

/// Environment variables naming files that do not exist, and no instance metadata.
fn no_aws_files(missing: &Path) -> Vec<(&'static str, String)> {
    let missing = missing.display().to_string();
    vec![
        ("AWS_CONFIG_FILE", missing.clone()),
        ("AWS_SHARED_CREDENTIALS_FILE", missing),
        ("AWS_EC2_METADATA_DISABLED", "true".into()),
    ]
}

#[tokio::test]
async fn connect_shows_the_account_caller_region_and_endpoint() {
    let url = emulator::url();
    let account = emulator::fresh_account();
    emulator::create_cluster(&emulator::ecs_client(&url, &account), "identity-check").await;

    let ctx = {
        let _env = EnvCredentials::set(&account, "secret").await;
        aws::connect(&emulator::context_options(&url)).await
    }
    .unwrap_or_else(|e| panic!("connect: {e}"));

    let id = &ctx.identity;
    assert_eq!(id.account, account, "the 12-digit access key's account");
    assert_eq!(id.arn, format!("arn:aws:iam::{account}:root"));
    assert_eq!(id.caller, "root", "caller is read from the ARN");
    assert_eq!(id.region, "us-east-1");
    assert_eq!(id.endpoint.as_deref(), Some(url.as_str()));
    assert_eq!(id.profile, "default");
    assert_eq!(id.role_arn, None);

    // The clients act as the identity shown: they see that account's cluster.
    let clusters = ecs::clusters(&ctx.clients)
        .await
        .unwrap_or_else(|e| panic!("clusters(): {}", e.summary()));
    let names: Vec<_> = clusters.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["identity-check"]);
}

#[tokio::test]
async fn connect_as_an_iam_user_shows_the_user_name() {
    let url = emulator::auth_url();
    let account = emulator::fresh_account();
    let key = emulator::create_user(&url, &account, "alice", &emulator::ecs_read_policy());

    let ctx = {
        let _env = EnvCredentials::set(&key.id, &key.secret).await;
        aws::connect(&emulator::context_options(&url)).await
    }
    .unwrap_or_else(|e| panic!("connect: {e}"));

    assert_eq!(ctx.identity.account, account);
    assert_eq!(
        ctx.identity.arn,
        format!("arn:aws:iam::{account}:user/alice")
    );
    assert_eq!(ctx.identity.caller, "alice");
}

#[tokio::test]
async fn an_unreachable_endpoint_is_named_in_the_error() {
    // Nothing listens on port 1: the connection is refused at once.
    let endpoint = "http://127.0.0.1:1";
    let result = {
        let _env = EnvCredentials::set(&emulator::fresh_account(), "secret").await;
        aws::connect(&emulator::context_options(endpoint)).await
    };
    let err = result
        .err()
        .unwrap_or_else(|| panic!("connect to {endpoint} succeeded"));
    match &err {
        StartupError::Unreachable { endpoint: e, .. } => assert_eq!(e, endpoint),
        other => panic!("expected Unreachable, got {other:?}"),
    }
    let message = err.to_string();
    assert!(
        message.contains("Could not reach http://127.0.0.1:1"),
        "{message}"
    );
    assert!(
        message.contains("--endpoint-url"),
        "says what to check: {message}"
    );
}

#[test]
fn without_credentials_opsdeck_exits_2_and_says_how_to_configure_them() {
    // Not the emulator, but a startup test of the emulator suite: require it like the rest.
    let url = emulator::url();
    let missing = emulator::missing_file();
    let mut env = no_aws_files(&missing);
    env.push(("AWS_REGION", "us-east-1".into()));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();

    let exit = run_opsdeck(&["--endpoint-url", &url], &env);

    assert_eq!(exit.code, Some(2), "stderr: {}", exit.stderr);
    assert!(
        exit.stderr
            .starts_with("opsdeck: No AWS credentials were found."),
        "{}",
        exit.stderr
    );
    assert!(
        exit.stderr.contains("Configure a profile (`aws configure`"),
        "{}",
        exit.stderr
    );
    assert!(exit.stderr.contains("--profile"), "{}", exit.stderr);
    assert!(exit.stderr.contains("AWS_ACCESS_KEY_ID"), "{}", exit.stderr);
}

#[tokio::test]
async fn a_role_with_the_right_external_id_enters_the_customer_account() {
    let url = emulator::auth_url();
    let support = emulator::fresh_account();
    let external_id = format!("opsdeck-{}", rand::random::<u32>());
    let (customer, role) = customer_account(&url, &support, &external_id).await;

    let opts = aws::ContextOptions {
        role_arn: Some(role.clone()),
        external_id: Some(external_id),
        role_session_name: Some("alice-support".into()),
        ..emulator::context_options(&url)
    };
    let ctx = {
        let _env = EnvCredentials::set(&support, "secret").await;
        aws::connect(&opts).await
    }
    .unwrap_or_else(|e| panic!("connect with the right External ID: {e}"));

    let id = &ctx.identity;
    assert_ne!(customer, support);
    assert_eq!(
        id.account, customer,
        "the banner shows the customer's account"
    );
    assert_eq!(
        id.arn,
        format!("arn:aws:sts::{customer}:assumed-role/CustomerSupport/alice-support")
    );
    assert_eq!(id.caller, "CustomerSupport/alice-support");
    assert_eq!(id.role_arn.as_deref(), Some(role.as_str()));
    assert_eq!(id.region, "us-east-1");

    // The assumed credentials act in the customer's account.
    let clusters = ecs::clusters(&ctx.clients)
        .await
        .unwrap_or_else(|e| panic!("clusters() as the support role: {}", e.summary()));
    let names: Vec<_> = clusters.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["customer-prod"]);
}

#[tokio::test]
async fn a_wrong_external_id_is_denied_and_the_message_points_at_it() {
    let url = emulator::auth_url();
    let support = emulator::fresh_account();
    let (_, role) = customer_account(&url, &support, "the-right-one").await;

    let opts = aws::ContextOptions {
        role_arn: Some(role.clone()),
        external_id: Some("a-wrong-one".into()),
        ..emulator::context_options(&url)
    };
    let result = {
        let _env = EnvCredentials::set(&support, "secret").await;
        aws::connect(&opts).await
    };
    let err = result
        .err()
        .unwrap_or_else(|| panic!("assuming {role} with a wrong External ID succeeded"));
    match &err {
        StartupError::AssumeRoleDenied { role_arn, .. } => assert_eq!(*role_arn, role),
        other => panic!("expected AssumeRoleDenied, got {other:?}"),
    }
    let message = err.to_string();
    assert!(
        message.contains(&format!("Assuming role {role} was denied")),
        "{message}"
    );
    assert!(message.contains("External ID"), "{message}");
    assert!(message.contains("(--external-id)"), "{message}");
}

#[test]
fn a_role_without_the_required_external_id_exits_2_asking_for_it() {
    let url = emulator::auth_url();
    let support = emulator::fresh_account();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("runtime: {e}"));
    let (_, role) = runtime.block_on(customer_account(&url, &support, "the-right-one"));

    let missing = emulator::missing_file();
    let mut env = no_aws_files(&missing);
    env.push(("AWS_ACCESS_KEY_ID", support.clone()));
    env.push(("AWS_SECRET_ACCESS_KEY", "secret".into()));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();

    let exit = run_opsdeck(
        &[
            "--endpoint-url",
            &url,
            "--region",
            "us-east-1",
            "--role-arn",
            &role,
        ],
        &env,
    );

    assert_eq!(exit.code, Some(2), "stderr: {}", exit.stderr);
    assert!(
        exit.stderr
            .starts_with(&format!("opsdeck: Assuming role {role} was denied.")),
        "{}",
        exit.stderr
    );
    assert!(
        exit.stderr
            .contains("External ID is the one the account owner gave you (none was given: pass --external-id)"),
        "{}",
        exit.stderr
    );
}
