//! The binary's command line: `check` exit codes and output.

use std::process::Command;

fn jx_dash() -> Command {
    Command::new(env!("CARGO_BIN_EXE_jx-dash"))
}

#[test]
fn check_passes_on_the_built_in_data_from_any_directory() {
    let out = jx_dash()
        .arg("check")
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with("ok: built-in data: 7 files, 6 tabs, "),
        "{stdout}"
    );
    assert!(stdout.contains(" sources"), "{stdout}");
}

#[test]
fn check_fails_with_located_messages_on_stderr() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/invalid/wrong-type"
    );
    let out = jx_dash().args(["check", "--data", dir]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("wrong-type/t.toml:13:9: `value`: invalid type: string \"lots\""),
        "{stderr}"
    );
}

#[test]
fn unknown_flag_is_misuse() {
    let out = jx_dash().args(["check", "--bogus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--bogus"));
}

#[test]
fn version_and_help() {
    let out = jx_dash().arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("jx-dash "));
    let out = jx_dash().arg("--help").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("check"));
}

#[test]
fn dashboard_without_a_terminal_points_to_snapshot() {
    let out = jx_dash().output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("jx-dash snapshot"), "{stderr}");
}

#[test]
fn snapshot_prints_a_tab_as_text() {
    let out = jx_dash()
        .args(["snapshot", "--tab", "trade", "--size", "80x24"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 24);
    assert!(text.contains("Exports and imports by year"), "{text}");
    assert!(text.contains("Source: "), "{text}");
    assert!(!text.contains('\x1b'));
}

#[test]
fn snapshot_opens_the_zoom_view_of_an_indicator() {
    let out = jx_dash()
        .args(["snapshot", "--zoom", "gdp", "--size", "100x30"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Esc back"), "{text}");
    assert!(
        text.contains("突破3.6万亿元"),
        "the words the headline (2025, stated only as a bound) was read from\n{text}"
    );
    assert!(
        text.contains("3,420.25"),
        "2024 exactly, in the table\n{text}"
    );
    let out = jx_dash()
        .args(["snapshot", "--zoom", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "an unknown id is misuse");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`nope`") && stderr.contains("foreign-trade"),
        "{stderr}"
    );
}

#[test]
fn bad_size_or_tab_is_misuse() {
    for args in [
        ["snapshot", "--size", "0x10"],
        ["snapshot", "--size", "wide"],
        ["snapshot", "--tab", "nope"],
    ] {
        let out = jx_dash().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn snapshot_formats_and_files() {
    let dir = std::env::temp_dir().join(format!("jx-dash-snap-{}", std::process::id()));
    let out = jx_dash()
        .args([
            "snapshot", "--all", "--format", "svg", "--size", "80x24", "--output",
        ])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for tab in [
        "overview",
        "growth",
        "trade",
        "innovation",
        "livelihood",
        "compare",
    ] {
        let svg = std::fs::read_to_string(dir.join(format!("{tab}.svg"))).unwrap();
        assert!(roxmltree::Document::parse(&svg).is_ok(), "{tab}.svg is XML");
    }
    let file = dir.join("trade.html");
    let out = jx_dash()
        .args(["snapshot", "--tab", "trade", "--format", "html", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains("Exports and imports by year") && !html.contains("<script"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn snapshot_ansi_respects_color_settings() {
    let run = |args: &[&str], no_color: bool| {
        let mut cmd = jx_dash();
        cmd.args(["snapshot", "--format", "ansi"])
            .args(args)
            .env_remove("NO_COLOR");
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        String::from_utf8(cmd.output().unwrap().stdout).unwrap()
    };
    let truecolor = run(&[], false);
    assert!(
        truecolor.contains("\x1b[") && truecolor.contains("38;2;"),
        "true color by default"
    );
    let c16 = run(&["--color", "16"], false);
    assert!(
        !c16.contains("38;2;") && !c16.contains("38;5;"),
        "16 colors only"
    );
    for plain in [run(&["--color", "none"], false), run(&[], true)] {
        assert!(
            !plain.contains("38;") && !plain.contains("[3"),
            "no color codes"
        );
        assert!(
            plain.contains("\x1b[1m") || plain.contains(";1m") || plain.contains("[1;"),
            "bold stays"
        );
    }
}

#[test]
fn snapshot_misuse_exits_2() {
    for args in [
        vec!["snapshot", "--size", "0x24"],
        vec!["snapshot", "--size", "5000x20"],
        vec!["snapshot", "--size", "80by24"],
        vec!["snapshot", "--format", "pdf"],
        vec!["snapshot", "--all"],
    ] {
        let out = jx_dash().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty());
    }
}

/// A FIFO or a directory named `*.toml` is skipped with a warning naming it (reading a FIFO
/// would block), and the rest of the data loads.
#[test]
fn check_warns_about_a_fifo_or_directory_named_toml() {
    let dir = std::env::temp_dir().join(format!("jx-dash-fifo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("nested.toml")).unwrap();
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    for entry in std::fs::read_dir(data).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    let fifo = dir.join("pipe.toml");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo");
    // Reading the FIFO would block: the run is bounded, and killed if it does.
    let mut child = jx_dash()
        .args(["check", "--data"])
        .arg(&dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().ok();
            panic!("`check` blocked on the FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("pipe.toml: skipped: a FIFO, not a regular file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("nested.toml: skipped: a directory, not a regular file"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok: "));
    std::fs::remove_dir_all(&dir).ok();
}

/// `check --agenda` checks an agenda against the data: the sample passes; a bad step fails with
/// its `file:line:col`; `snapshot --view` and `--agenda` start where they say.
#[test]
fn check_agenda_and_start_at_a_view() {
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/agenda/talk.toml");
    let out = jx_dash()
        .args(["check", "--agenda", sample])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("talk.toml: 11 steps, every view applies to the data"),
        "{stdout}"
    );

    let dir = std::env::temp_dir().join(format!("jx-dash-agenda-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "[[step]]\nview = \"trade/nope\"\ntitle = \"a\"\n").unwrap();
    let out = jx_dash()
        .args(["check", "--agenda"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("bad.toml:2:8: `view`: `nope` is not shown on tab `trade`"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();

    let text = |args: &[&str]| {
        let out = jx_dash().arg("snapshot").args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let zoom = text(&["--view", "trade/foreign-trade/zoom/usd", "--size", "100x30"]);
    assert!(zoom.contains("Esc back") && zoom.contains("US$"), "{zoom}");
    // The first step's screen; the key bar adds the agenda's keys.
    let body = |t: String| t.lines().take(29).collect::<Vec<_>>().join("\n");
    let first_step = text(&["--agenda", sample, "--size", "100x30"]);
    assert!(first_step.contains("g steps"), "{first_step}");
    assert_eq!(
        body(first_step),
        body(text(&["--view", "overview", "--size", "100x30"]))
    );
    // Keys pressed before the snapshot, as a person would: two clicks and the console.
    let console = text(&[
        "--agenda",
        sample,
        "--keys",
        "PgDn PgDn n",
        "--size",
        "100x30",
    ]);
    assert!(
        console.contains("Step 3 of 11: A decade of growth") && console.contains("Presenter"),
        "{console}"
    );
    let out = jx_dash()
        .args(["snapshot", "--keys", "PgDn Foo"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown key `Foo`"));
    let out = jx_dash()
        .args(["snapshot", "--view", "trade/zoom/zoom"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`zoom` given twice"));
}

/// `jx-dash handout --agenda FILE`: one self-contained page, each step as shown with its view
/// string, then every figure with its words and page.
#[test]
fn handout_of_an_agenda() {
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/agenda/talk.toml");
    let dir = std::env::temp_dir().join(format!("jx-dash-handout-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("talk.html");
    let out = jx_dash()
        .args([
            "handout", "--agenda", sample, "--size", "100x30", "--output",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let html = std::fs::read_to_string(&file).unwrap();
    assert_eq!(html.matches("<section class=\"view\"").count(), 11);
    for needle in [
        "<h1>Jiangxi&#39;s open economy</h1>",
        "1. The province at a glance <code>overview</code>",
        "6. How trade changed <code>trade/foreign-trade/zoom/change</code>",
        "The figures and their sources",
        "“2025年江西省经济增长韧性持续彰显”, 2026-01-23, https://cn.dailyeconomic.com/jx/2026/01/23/4001.html",
        "break-after: page",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    assert!(
        !html.contains("<script") && !html.contains("src="),
        "self-contained"
    );
    // Only the file: the temporary one it was written through is gone.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["talk.html"]);
    std::fs::remove_dir_all(&dir).unwrap();
    let out = jx_dash()
        .args(["handout", "--output", "x.html"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs --agenda"));
}
