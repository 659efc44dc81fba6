//! Issue 9 end to end: the real binary in a pseudo-terminal with user files in a
//! temporary XDG config dir. Broken files at their default path are reported and the
//! defaults used; named on the command line they stop opsdeck with exit code 2.
//! Contexts from config.toml set the account, label, environment and safety.

mod common;

use common::pty::{Key, Options, Pty, TempDir};

fn emulator() -> String {
    common::required_env("OPSDECK_EMULATOR_URL")
}

struct ConfigDir(TempDir);

impl ConfigDir {
    fn with(files: &[(&str, &str)]) -> ConfigDir {
        let dir = TempDir::new();
        let opsdeck = dir.path().join("opsdeck");
        std::fs::create_dir_all(&opsdeck).unwrap_or_else(|e| panic!("{e}"));
        for (name, text) in files {
            std::fs::write(opsdeck.join(name), text).unwrap_or_else(|e| panic!("{e}"));
        }
        ConfigDir(dir)
    }

    fn file(&self, name: &str) -> String {
        self.0
            .path()
            .join("opsdeck")
            .join(name)
            .display()
            .to_string()
    }

    fn env(&self) -> Vec<(String, String)> {
        vec![(
            "XDG_CONFIG_HOME".to_string(),
            self.0.path().display().to_string(),
        )]
    }
}

fn opsdeck(args: &[&str], env: Vec<(String, String)>) -> Pty {
    Pty::spawn_with(
        args,
        Options {
            env,
            ..Options::default()
        },
    )
}

#[test]
fn a_broken_keymap_at_the_default_path_is_reported_and_the_defaults_work() {
    let config = ConfigDir::with(&[(
        "keymap.toml",
        "[global]\nquit = [\"q\"]\n[list]\nlaunch = [\"x\"]\n",
    )]);
    let url = emulator();
    let mut pty = opsdeck(
        &["--endpoint-url", &url, "--region", "us-east-1"],
        config.env(),
    );
    pty.expect_all(&[
        "Some of your files could not be used",
        "keymap.toml:4:1: unknown action",
        "any key continues",
    ]);
    pty.send(" ");
    pty.expect_gone("any key continues");
    pty.expect("omni-acme-cluster");
    pty.send("q");
    assert!(pty.expect_exit().success());
    pty.assert_restored();
}

#[test]
fn a_broken_config_named_on_the_command_line_stops_with_code_2_and_where() {
    let config = ConfigDir::with(&[("mine.toml", "theme = \"light\"\n[contexts.a]\nregion = 5\n")]);
    let path = config.file("mine.toml");
    let mut pty = opsdeck(&["--config", &path], config.env());
    let status = pty.expect_exit();
    assert_eq!(status.exit_code(), 2, "{}", pty.diagnostic("exit code"));
    let screen = pty.screen_text();
    assert!(
        screen.contains(&format!(
            "{path}:3:10: invalid type: integer `5`, expected a string"
        )),
        "{screen}"
    );
    pty.assert_restored();
}

#[test]
fn an_unknown_theme_or_keymap_named_on_the_command_line_stops_with_code_2() {
    for (flag, name, says) in [
        ("--theme", "solarized", "no theme named 'solarized'"),
        ("--keymap", "emacs", "no keymap named 'emacs'"),
    ] {
        let mut pty = opsdeck(&[flag, name], Vec::new());
        assert_eq!(pty.expect_exit().exit_code(), 2);
        assert!(pty.screen_text().contains(says), "{}", pty.screen_text());
    }
}

#[test]
fn a_customer_context_assumes_its_role_is_read_only_and_says_where_it_is() {
    let url = emulator();
    // The demo seeds role OpsdeckOperator in 123456789012, trusting account
    // 111111111111 with External ID opsdeck-demo-7f3k2q.
    let text = format!(
        r#"
context = "acme"

[contexts.acme]
label = "Acme (customer)"
role_arn = "arn:aws:iam::123456789012:role/OpsdeckOperator"
external_id = "opsdeck-demo-7f3k2q"
region = "us-east-1"
endpoint_url = "{url}"
environment = "prod"
cluster = "omni-acme-cluster"
"#
    );
    let config = ConfigDir::with(&[("config.toml", &text)]);
    let mut env = config.env();
    env.push(("AWS_ACCESS_KEY_ID".into(), "111111111111".into()));
    let mut pty = opsdeck(&[], env);
    pty.expect_all(&[
        "PROD",
        "Acme (customer)",
        "account 123456789012",
        "READ-ONLY",
    ]);
    pty.expect("omni-web");
    // Read-only: the actions menu offers nothing.
    pty.send("a");
    pty.expect("read-only");
    pty.send_key(Key::Esc);
    pty.expect_gone("force new deployment");
    pty.send("q");
    assert!(pty.expect_exit().success());
}

#[test]
fn no_color_draws_without_colour_and_vim_keys_work() {
    let url = emulator();
    let mut env = vec![("NO_COLOR".to_string(), "1".to_string())];
    env.push(("COLORTERM".into(), "truecolor".into()));
    let mut pty = opsdeck(
        &[
            "--endpoint-url",
            &url,
            "--region",
            "us-east-1",
            "--keymap",
            "vim",
        ],
        env,
    );
    pty.expect("omni-acme-cluster");
    assert_eq!(
        pty.background_at(0, 3),
        Some(vt100::Color::Default),
        "{}",
        pty.diagnostic("NO_COLOR: the banner has no background colour")
    );
    // vim: G to the bottom, g g back to the top.
    pty.send("G");
    pty.send("gg");
    pty.send("\r");
    pty.expect("› services");
    pty.send("q");
    assert!(pty.expect_exit().success());
}

#[test]
fn switching_context_shows_only_the_new_accounts_resources() {
    let url = emulator();
    let text = format!(
        r#"
context = "own"

[contexts.own]
label = "Support home"
region = "us-east-1"
endpoint_url = "{url}"
environment = "dev"

[contexts.acme]
label = "Acme (customer)"
role_arn = "arn:aws:iam::123456789012:role/OpsdeckOperator"
external_id = "opsdeck-demo-7f3k2q"
region = "us-east-1"
endpoint_url = "{url}"
environment = "prod"
"#
    );
    let config = ConfigDir::with(&[("config.toml", &text)]);
    let mut env = config.env();
    env.push(("AWS_ACCESS_KEY_ID".into(), "111111111111".into()));
    let mut pty = opsdeck(&[], env);
    pty.expect_all(&[
        "DEV",
        "Support home",
        "account 111111111111",
        "clusters (0)",
    ]);

    // :ctx with completion, then the customer's account through its role.
    pty.send(":ctx ac");
    pty.expect("Acme (customer)");
    pty.send_key(Key::Enter);
    pty.expect_all(&[
        "PROD",
        "READ-ONLY",
        "account 123456789012",
        "omni-acme-cluster",
    ]);
    let screen = pty.screen_text();
    assert!(!screen.contains("111111111111"), "{screen}");

    // C lists contexts (sorted by name: acme, own); Enter on own goes back, and the
    // customer's clusters go.
    pty.send("C");
    pty.expect_all(&["contexts (now: Acme (customer))", "Support home"]);
    pty.send("G");
    pty.send_key(Key::Enter);
    pty.expect_all(&["account 111111111111", "clusters (0)"]);
    pty.expect_gone("omni-acme-cluster");
    pty.expect_gone("READ-ONLY");
    pty.send("q");
    assert!(pty.expect_exit().success());
}

#[test]
fn a_context_that_cannot_connect_leaves_everything_as_it_was() {
    let url = emulator();
    let text = r#"
[contexts.wrong]
label = "Nowhere"
region = "us-east-1"
endpoint_url = "http://127.0.0.1:9"
"#;
    let config = ConfigDir::with(&[("config.toml", text)]);
    let mut env = config.env();
    env.push(("AWS_ACCESS_KEY_ID".into(), "123456789012".into()));
    let mut pty = opsdeck(&["--endpoint-url", &url, "--region", "us-east-1"], env);
    pty.expect_all(&["account 123456789012", "omni-acme-cluster"]);
    pty.send(":ctx wrong");
    pty.send_key(Key::Enter);
    pty.expect("could not switch to Nowhere");
    let screen = pty.screen_text();
    assert!(
        screen.contains("account 123456789012") && screen.contains("omni-acme-cluster"),
        "{screen}"
    );
    pty.send("q");
    assert!(pty.expect_exit().success());
}

#[test]
fn with_mouse_a_click_selects_a_row_and_the_mouse_is_released_on_exit() {
    let url = emulator();
    let mut pty = opsdeck(
        &["--endpoint-url", &url, "--region", "us-east-1", "--mouse"],
        Vec::new(),
    );
    pty.expect("omni-acme-cluster");
    assert!(
        pty.mouse_captured(),
        "{}",
        pty.diagnostic("--mouse captures the mouse")
    );
    // Rows sorted by name: farsight-cluster, omen-production, omni-acme-cluster on screen
    // rows 4, 5, 6 (0-based); SGR mouse reports are 1-based.
    pty.send("\x1b[<0;10;7M\x1b[<0;10;7m");
    pty.send("\r");
    pty.expect("omni-acme-cluster › services");
    pty.send("q");
    assert!(pty.expect_exit().success());
    assert!(!pty.mouse_captured(), "the mouse is given back");
    pty.assert_restored();
}

#[test]
fn without_mouse_the_terminal_keeps_it() {
    let url = emulator();
    let mut pty = opsdeck(
        &["--endpoint-url", &url, "--region", "us-east-1"],
        Vec::new(),
    );
    pty.expect("omni-acme-cluster");
    assert!(!pty.mouse_captured());
    pty.send("q");
    assert!(pty.expect_exit().success());
}

#[test]
fn a_context_created_in_the_app_is_saved_and_switched_to() {
    let url = emulator();
    let text = format!(
        r#"
context = "own"

[contexts.own]
label = "Support home"
region = "us-east-1"
endpoint_url = "{url}"
"#
    );
    let config = ConfigDir::with(&[("config.toml", &text)]);
    let mut env = config.env();
    env.push(("AWS_ACCESS_KEY_ID".into(), "111111111111".into()));
    let mut pty = opsdeck(&[], env);
    pty.expect("account 111111111111");
    pty.send("C");
    pty.expect("contexts (now: Support home)");
    pty.send("n");
    pty.expect("New context");
    // name, label, role ARN, External ID, (region kept), environment.
    pty.send("acme\t");
    pty.send("Acme (customer)\t");
    pty.send("arn:aws:iam::123456789012:role/OpsdeckOperator\t");
    pty.send("opsdeck-demo-7f3k2q\t\t");
    pty.send("prod");
    pty.send_key(Key::Enter);
    pty.expect_all(&[
        "PROD",
        "READ-ONLY",
        "Acme (customer)",
        "account 123456789012",
    ]);
    let saved = std::fs::read_to_string(config.file("config.toml")).unwrap_or_default();
    assert!(
        saved.starts_with(&text),
        "the file as written is kept:\n{saved}"
    );
    assert!(saved.contains("[contexts.acme]"), "{saved}");
    assert!(
        saved.contains("external_id = \"opsdeck-demo-7f3k2q\""),
        "{saved}"
    );
    pty.send("q");
    assert!(pty.expect_exit().success());
}
