//! CLI behaviour through the real binary: exit codes, bad input, stdin, formats,
//! colour and a closed stdout.

use std::ffi::OsStr;
use std::io::Write;
use std::process::{Command, Stdio};

use assert_cmd::cargo::cargo_bin;
use predicates::prelude::*;

fn claimcheck() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(cargo_bin("claimcheck"));
    cmd.env_remove("NO_COLOR");
    cmd
}

const WRONG: &str = "Crime rose 34 per cent, from 108 offences to 164.\n";
const RIGHT: &str = "Crime rose 34 per cent, from 100 offences to 134.\n";

/// The JSON Lines output of a run over `path` on `threads` threads, which must
/// end with exit code `code`.
fn jsonl(path: &std::path::Path, threads: &str, code: i32) -> Vec<u8> {
    claimcheck()
        .args(["--format", "jsonl", "-j", threads])
        .arg(path)
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone()
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn inconsistent_claim_exits_1_with_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "wrong.txt", WRONG.as_bytes());
    claimcheck()
        .arg(&p)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("percent-change"))
        .stdout(predicate::str::contains("34 per cent"))
        .stdout(predicate::str::contains("+51.9%"))
        .stdout(predicate::str::contains(format!("{}:1:12", p.display())))
        .stdout(predicate::str::contains("1 inconsistent"));
}

#[test]
fn consistent_claim_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "right.txt", RIGHT.as_bytes());
    claimcheck()
        .arg(&p)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 consistent, 0 inconsistent"));
}

#[test]
fn stdin_is_read_with_a_dash() {
    claimcheck()
        .args(["--format", "json", "-"])
        .write_stdin(WRONG)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"path\": \"<stdin>\""));
}

#[test]
fn bad_inputs_are_one_line_errors_and_others_still_run() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(&dir, "good.txt", RIGHT.as_bytes());
    let binary = write(&dir, "image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let latin1 = write(&dir, "latin1.txt", b"a \xa315.8m signing");
    let missing = dir.path().join("missing.txt");
    let out = claimcheck()
        .arg("--format")
        .arg("json")
        .args([&good, &binary, &latin1, &missing])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(
        lines[0].contains("image.png: binary file (NUL byte at offset 8)"),
        "{stderr}"
    );
    assert!(
        lines[1].contains("latin1.txt: invalid UTF-8 at byte offset 2"),
        "{stderr}"
    );
    assert!(lines[2].contains("missing.txt: no such file"), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["files"].as_array().unwrap().len(), 1);
    assert_eq!(json["errors"].as_array().unwrap().len(), 3);
    assert_eq!(json["summary"]["errors"], 3);
    assert!(
        json["errors"][2]["path"]
            .as_str()
            .unwrap()
            .ends_with("missing.txt")
    );
    assert_eq!(json["errors"][2]["message"], "no such file");
}

#[test]
fn empty_and_whitespace_files_are_fine() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(&dir, "empty.txt", b"");
    let blank = write(&dir, "blank.txt", b"  \n\r\n\t\n");
    claimcheck()
        .args(["--format", "json"])
        .args([&empty, &blank])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"claims\": 0"));
}

#[test]
fn max_file_size_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "big.txt", WRONG.as_bytes());
    claimcheck()
        .args(["--max-file-size", "10"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "big.txt: file is 50 bytes, over the limit of 10 bytes",
        ));
    // Standard input has no size to read first: it is read to one byte past
    // the limit.
    claimcheck()
        .args(["--max-file-size", "10", "-"])
        .write_stdin(WRONG)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "<stdin>: file is 11 bytes, over the limit of 10 bytes",
        ));
}

#[test]
fn colour_follows_flag_and_no_color() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "wrong.txt", WRONG.as_bytes());
    claimcheck()
        .args(["--color", "always"])
        .arg(&p)
        .assert()
        .stdout(predicate::str::contains("\x1b["));
    claimcheck()
        .arg(&p)
        .assert()
        .stdout(predicate::str::contains("\x1b[").not());
    claimcheck()
        .env("NO_COLOR", "1")
        .args(["--color", "auto"])
        .arg(&p)
        .assert()
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn quiet_prints_only_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "wrong.txt", WRONG.as_bytes());
    let out = claimcheck()
        .arg("-q")
        .arg(&p)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("checked 1 file"), "{stdout}");
}

#[test]
fn usage_error_exits_2() {
    claimcheck().assert().code(2);
    claimcheck()
        .args(["--format", "yaml", "x.txt"])
        .assert()
        .code(2);
}

/// Runs claimcheck with `args`, reads 16 bytes of its output and closes the pipe,
/// like `claimcheck … | head -1`; asserts that it then ends within a minute,
/// quietly (nothing on stderr) and not killed by a signal.
fn close_stdout_early(args: &[&OsStr]) {
    let mut child = Command::new(cargo_bin("claimcheck"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = [0u8; 16];
    std::io::Read::read_exact(&mut stdout, &mut buf).unwrap();
    drop(stdout);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("{args:?}: still running a minute after its reader left");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.is_empty(), "{args:?}: {stderr}");
    assert!(out.status.code().is_some(), "{args:?}: killed by a signal");
}

#[test]
fn closed_stdout_exits_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let body = WRONG.repeat(20_000);
    let p = write(&dir, "long.txt", body.as_bytes());
    close_stdout_early(&["--format".as_ref(), "json".as_ref(), p.as_os_str()]);
}

/// A reader that goes away in the middle of a parallel streamed run stops the
/// walker and every worker: the run ends promptly and quietly.
#[test]
fn closed_stdout_stops_a_parallel_run() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..400 {
        write(&dir, &format!("f{i:03}.txt"), WRONG.repeat(20).as_bytes());
    }
    for format in ["jsonl", "text", "json"] {
        close_stdout_early(&[
            "--format".as_ref(),
            format.as_ref(),
            "-j".as_ref(),
            "3".as_ref(),
            dir.path().as_os_str(),
        ]);
    }
}

#[test]
fn never_writes_to_its_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "wrong.txt", WRONG.as_bytes());
    let before = std::fs::metadata(&p).unwrap().modified().unwrap();
    claimcheck().arg(&p).assert().code(1);
    claimcheck()
        .args(["--format", "json"])
        .arg(&p)
        .assert()
        .code(1);
    assert_eq!(std::fs::read(&p).unwrap(), WRONG.as_bytes());
    assert_eq!(std::fs::metadata(&p).unwrap().modified().unwrap(), before);
}

#[test]
fn many_files_keep_input_order_with_threads() {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<_> = (0..40)
        .map(|i| {
            write(
                &dir,
                &format!("a{i:02}.txt"),
                if i % 3 == 0 { WRONG } else { RIGHT }.as_bytes(),
            )
        })
        .collect();
    let out = claimcheck()
        .args(["--format", "json", "--threads", "2"])
        .args(&paths)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    let want: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    assert_eq!(got, want);
    assert_eq!(json["summary"]["inconsistent"], 14);
}

#[test]
fn explain_prints_a_rule_page() {
    claimcheck()
        .args(["--explain", "percent-change"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("# percent-change"));
}

#[test]
fn stdin_bytes_are_validated_too() {
    let mut child = Command::new(cargo_bin("claimcheck"))
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"ok \xff").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "claimcheck: <stdin>: invalid UTF-8 at byte offset 3"
    );
}

#[test]
fn folders_are_walked_in_order_skipping_other_files() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir, "b.txt", WRONG.as_bytes());
    write(&dir, "a.txt", RIGHT.as_bytes());
    write(&dir, "notes.bin", b"\0\0");
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let out = claimcheck()
        .args(["--format", "json"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(
        paths[0].ends_with("a.txt") && paths[1].ends_with("b.txt"),
        "{paths:?}"
    );
}

#[test]
fn config_is_discovered_and_its_errors_name_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "wrong.txt", WRONG.as_bytes());
    write(&dir, "claimcheck.toml", b"ignore = [\"percent-change\"]\n");
    claimcheck()
        .arg(&p)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 inconsistent"));
    claimcheck().arg("--no-config").arg(&p).assert().code(1);
    write(
        &dir,
        "claimcheck.toml",
        b"# newsroom settings\nignroe = []\n",
    );
    claimcheck()
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "claimcheck.toml:2: unknown field `ignroe`",
        ));
    let other = write(
        &dir,
        "other.toml",
        b"[severity]\npercent-change = \"warning\"\n",
    );
    claimcheck()
        .arg("--config")
        .arg(&other)
        .arg(&p)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning[percent-change]"));
}

#[test]
fn baseline_accepts_known_findings_only() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "wrong.txt", WRONG.as_bytes());
    let base = dir.path().join("baseline.json");
    claimcheck()
        .arg("--write-baseline")
        .arg(&base)
        .arg(&p)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("wrote 1 finding(s)"));
    claimcheck()
        .arg("--baseline")
        .arg(&base)
        .arg(&p)
        .assert()
        .code(0);
    // A new wrong figure in the same file is still reported.
    std::fs::write(
        &p,
        format!("{WRONG}Thefts rose 10 per cent, from 100 to 150.\n"),
    )
    .unwrap();
    claimcheck()
        .arg("--baseline")
        .arg(&base)
        .arg(&p)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("10 per cent"))
        .stdout(predicate::str::contains("34 per cent").not());
}

#[test]
fn select_and_ignore_flags_filter_rules() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "wrong.txt", WRONG.as_bytes());
    claimcheck()
        .args(["--ignore", "percent-change"])
        .arg(&p)
        .assert()
        .code(0);
    claimcheck()
        .args(["--select", "percent-change"])
        .arg(&p)
        .assert()
        .code(1);
    claimcheck()
        .args(["--select", "percent-chnage"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `percent-chnage`"));
}

#[test]
fn statistics_count_per_rule() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "wrong.txt", WRONG.as_bytes());
    claimcheck()
        .arg("--statistics")
        .arg(&p)
        .assert()
        .code(1)
        .stdout(predicate::str::is_match(r"percent-change\s+0\s+1").unwrap());
}

#[test]
fn completions_and_man_page_are_generated() {
    for shell in ["bash", "zsh", "fish"] {
        claimcheck()
            .args(["completions", shell])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("show-unchecked"));
    }
    claimcheck()
        .arg("manpage")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(".TH claimcheck"));
}

#[test]
fn jsonl_streams_one_line_per_file_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<_> = (0..20)
        .map(|i| {
            write(
                &dir,
                &format!("f{i:02}.txt"),
                if i == 7 { WRONG } else { RIGHT }.as_bytes(),
            )
        })
        .collect();
    let out = claimcheck()
        .args(["--format", "jsonl", "-j", "2"])
        .args(&paths)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 20);
    for (line, p) in lines.iter().zip(&paths) {
        assert_eq!(line["version"], 1);
        assert_eq!(line["path"], p.display().to_string());
    }
    assert_eq!(lines[7]["checks"][0]["verdict"], "inconsistent");
}

#[test]
fn markdown_and_html_spans_point_at_the_original_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let md = write(
        &dir,
        "draft.md",
        "# Crime — **up** in 2005\n\nCrime rose **34 per cent**, from 108 offences to 164.\n\n\
         * Costs hit £3bn\n* Fees rose 5%, from £100 to £105\n"
            .as_bytes(),
    );
    let html = write(
        &dir,
        "draft.html",
        "<html><head><style>p{}</style><script>var x = 99;</script></head><body>\
         <h1>Budget &mdash; 2005</h1><p>Spending rose <em>34</em>&nbsp;per cent, from \
         &pound;108m to &pound;164m.</p><!-- 77 --></body></html>"
            .as_bytes(),
    );
    let out = claimcheck()
        .args(["--format", "json"])
        .args([&md, &html])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for (f, path) in json["files"].as_array().unwrap().iter().zip([&md, &html]) {
        let bytes = std::fs::read(path).unwrap();
        let mut texts = Vec::new();
        for c in f["claims"].as_array().unwrap() {
            let (s, e) = (
                c["start"].as_u64().unwrap() as usize,
                c["end"].as_u64().unwrap() as usize,
            );
            let original = std::str::from_utf8(&bytes[s..e]).unwrap();
            assert_eq!(c["text"].as_str().unwrap(), original);
            texts.push(original.to_owned());
        }
        let flagged: Vec<&str> = f["checks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["verdict"] == "inconsistent")
            .map(|c| {
                let id = c["claim"].as_u64().unwrap() as usize;
                f["claims"][id]["text"].as_str().unwrap()
            })
            .collect();
        if path == &md {
            assert!(texts.contains(&"34 per cent".to_owned()), "{texts:?}");
            assert!(texts.contains(&"£3bn".to_owned()), "{texts:?}");
            assert_eq!(flagged, ["34 per cent"]);
        } else {
            assert!(
                texts.contains(&"34</em>&nbsp;per cent".to_owned()),
                "{texts:?}"
            );
            assert!(texts.contains(&"&pound;108m".to_owned()), "{texts:?}");
            assert!(
                !texts.iter().any(|t| t.contains("99") || t.contains("77")),
                "{texts:?}"
            );
            assert_eq!(flagged, ["34</em>&nbsp;per cent"]);
        }
    }
}

#[test]
fn inline_suppressions_silence_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    let md = write(
        &dir,
        "draft.md",
        format!("<!-- claimcheck-disable-next-line percent-change -->\n{WRONG}").as_bytes(),
    );
    claimcheck()
        .args(["--format", "json"])
        .arg(&md)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"suppressed\": 1"));
    let md2 = write(
        &dir,
        "other.md",
        format!("<!-- claimcheck-disable-next-line direction -->\n{WRONG}").as_bytes(),
    );
    claimcheck().arg(&md2).assert().code(1);
}

#[test]
fn stdin_filename_gives_stdin_a_format() {
    claimcheck()
        .args(["--format", "json", "--stdin-filename", "draft.html", "-"])
        .write_stdin("<p>Crime rose <b>34 per cent</b>, from 108 offences to 164.</p>")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"path\": \"draft.html\""))
        .stdout(predicate::str::contains("\"text\": \"34 per cent\""));
}

#[test]
fn config_text_settings_reach_the_pipeline() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        &dir,
        "a.txt",
        b"Coun. Smith said costs rose give or take 30% to $5m.\n",
    );
    let json_of = |extra: &[&str]| -> serde_json::Value {
        let out = claimcheck()
            .args(["--format", "json"])
            .args(extra)
            .arg(&p)
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let plain = json_of(&["--no-config"]);
    assert_eq!(plain["summary"]["sentences"], 2);
    write(
        &dir,
        "claimcheck.toml",
        b"abbreviations = [\"Coun\"]\ndefault-currency = \"AUD\"\n\n[hedges]\n\"give or take\" = \"about\"\n",
    );
    let set = json_of(&[]);
    assert_eq!(set["summary"]["sentences"], 1);
    let claims = set["files"][0]["claims"].as_array().unwrap();
    let pct = claims.iter().find(|c| c["kind"] == "percent").unwrap();
    assert_eq!(pct["hedge"], "about");
    let money = claims.iter().find(|c| c["kind"] == "money").unwrap();
    assert_eq!(money["currency"], "AUD");
}

#[test]
fn config_exclude_skips_walked_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("archive")).unwrap();
    write(&dir, "archive/old.txt", WRONG.as_bytes());
    write(&dir, "new.txt", RIGHT.as_bytes());
    write(&dir, "claimcheck.toml", b"exclude = [\"archive/**\"]\n");
    claimcheck()
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("checked 1 file"));
}

/// Each walked file gets the configuration of its own folder, whatever the
/// folder of the file before it, on one thread and on several.
#[test]
fn each_folder_keeps_its_own_configuration() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "a/sub", "b"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
    }
    write(
        &dir,
        "a/claimcheck.toml",
        b"ignore = [\"percent-change\"]\n",
    );
    for f in ["a/x.txt", "a/sub/y.txt", "a/z.txt", "b/x.txt", "c.txt"] {
        write(&dir, f, WRONG.as_bytes());
    }
    for threads in ["1", "2", "3"] {
        let out = jsonl(dir.path(), threads, 1);
        let flagged: Vec<(String, bool)> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                let path = v["path"].as_str().unwrap().replace('\\', "/");
                let name = path
                    .rsplit_once(dir.path().file_name().unwrap().to_str().unwrap())
                    .unwrap()
                    .1
                    .to_owned();
                let wrong = v["checks"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|c| c["verdict"] == "inconsistent");
                (name, wrong)
            })
            .collect();
        let expected: Vec<(String, bool)> = [
            ("/a/sub/y.txt", false),
            ("/a/x.txt", false),
            ("/a/z.txt", false),
            ("/b/x.txt", true),
            ("/c.txt", true),
        ]
        .iter()
        .map(|(p, w)| ((*p).to_owned(), *w))
        .collect();
        assert_eq!(flagged, expected, "-j {threads}");
    }
}

/// A folder tree where files finish out of order: a large article first, small
/// ones after, errors among them.
fn mixed_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let big = format!("{}\n", WRONG.repeat(20_000));
    for i in 0..150 {
        let sub = dir.path().join(format!("d{}", i % 7));
        std::fs::create_dir_all(&sub).unwrap();
        let body: Vec<u8> = match i {
            3 => big.clone().into_bytes(),
            40 => b"\x89PNG\0\0".to_vec(),
            90 => vec![0xff, 0xfe, b'a'],
            _ if i % 4 == 0 => WRONG.as_bytes().to_vec(),
            _ => RIGHT.repeat(1 + i % 5).into_bytes(),
        };
        std::fs::write(sub.join(format!("f{i:03}.txt")), body).unwrap();
    }
    // Broken links in several folders: walk errors met by different threads.
    #[cfg(unix)]
    for d in ["d0", "d2", "d4", "d6"] {
        std::os::unix::fs::symlink(
            dir.path().join("gone.txt"),
            dir.path().join(d).join("dead.txt"),
        )
        .unwrap();
    }
    dir
}

#[test]
fn thread_count_changes_nothing_but_speed() {
    let dir = mixed_tree();
    for format in ["jsonl", "json", "text", "github", "sarif"] {
        let run = |threads: &str| {
            let out = claimcheck()
                .args(["--format", format, "--color", "never", "-j", threads])
                .arg(dir.path())
                .output()
                .unwrap();
            // Not sorted: walk errors and file errors come in walk order
            // whatever thread met them.
            let stderr: Vec<String> = String::from_utf8(out.stderr)
                .unwrap()
                .lines()
                .map(str::to_owned)
                .collect();
            (out.status.code(), out.stdout, stderr)
        };
        let one = run("1");
        assert_eq!(one.0, Some(2), "{format}: errors make the exit code 2");
        let errors = if cfg!(unix) { 6 } else { 2 };
        assert_eq!(one.2.len(), errors, "{format}: {:?}", one.2);
        for threads in ["2", "3", "7", "2", "3"] {
            let many = run(threads);
            assert_eq!(many.0, one.0, "{format} -j{threads}");
            assert!(many.1 == one.1, "{format} -j{threads}: stdout differs");
            assert_eq!(many.2, one.2, "{format} -j{threads}");
        }
        if format == "jsonl" {
            let lines = one.1.split(|&b| b == b'\n').filter(|l| !l.is_empty());
            assert_eq!(lines.count(), 148, "one line per readable file");
        }
    }
}

/// When the system will not start another thread, the run goes on with the
/// threads it has, says so once, and writes the same report. A stack size no
/// system can map makes every thread start fail, as at a thread limit.
#[cfg(target_os = "linux")]
#[test]
fn a_thread_that_cannot_start_leaves_the_run_to_the_others() {
    let dir = mixed_tree();
    let run = |threads: &str, stack: Option<&str>| {
        let mut cmd = claimcheck();
        cmd.args(["--format", "jsonl", "-j", threads])
            .arg(dir.path());
        if let Some(size) = stack {
            cmd.env("RUST_MIN_STACK", size);
        }
        let out = cmd.output().unwrap();
        (
            out.status.code(),
            out.stdout,
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let one = run("1", None);
    let starved = run("3", Some("1000000000000000"));
    assert_eq!(starved.0, one.0);
    assert!(starved.1 == one.1, "stdout differs");
    let (warning, rest) = starved.2.split_once('\n').unwrap();
    assert!(
        warning.starts_with("claimcheck: warning: started 1 of 3 threads: "),
        "{warning}"
    );
    assert_eq!(rest, one.2);
}

/// More files than two threads may hold in flight (128 each), behind a slow
/// first file: whichever thread takes the slow one, the other fills the window
/// and waits, and every file still comes out once, in order.
#[test]
fn a_full_window_holds_back_no_file() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir, "a000.txt", WRONG.repeat(20_000).as_bytes());
    for i in 1..700 {
        let body = if i % 3 == 0 { WRONG } else { RIGHT };
        write(&dir, &format!("a{i:03}.txt"), body.as_bytes());
    }
    let run = |threads: &str| jsonl(dir.path(), threads, 1);
    let one = run("1");
    let paths: Vec<String> = one
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_slice(l).unwrap();
            v["path"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(paths.len(), 700);
    assert!(paths.windows(2).all(|w| w[0] < w[1]), "in walk order");
    for threads in ["2", "2", "3"] {
        assert!(run(threads) == one, "-j{threads}: output differs from -j1");
    }
    // With a byte budget the results outgrow at once (0: every finished result
    // is over it; 5,000: a couple of reports), workers pause between files
    // instead, and still every file comes out once, in order.
    for held in ["0", "5000"] {
        for threads in ["2", "3", "8"] {
            let out = claimcheck()
                .args([
                    "--format",
                    "jsonl",
                    "-j",
                    threads,
                    "--held-bytes-per-thread",
                    held,
                ])
                .arg(dir.path())
                .assert()
                .code(1)
                .get_output()
                .stdout
                .clone();
            assert!(
                out == one,
                "-j{threads}, {held} bytes: output differs from -j1"
            );
        }
    }
}

/// The human format streams each file's diagnostics and counts the summary as it
/// goes; the JSON report counts the summary from all the reports it keeps. The
/// two must agree, and the diagnostics must be those of the files in order.
#[test]
fn the_streamed_text_summary_counts_what_the_json_report_counts() {
    let dir = mixed_tree();
    for threads in ["1", "3"] {
        let run = |format: &str| {
            claimcheck()
                .args(["--format", format, "--color", "never", "-j", threads])
                .arg(dir.path())
                .output()
                .unwrap()
        };
        let json: serde_json::Value = serde_json::from_slice(&run("json").stdout).unwrap();
        let s = &json["summary"];
        let n = |k: &str| s[k].as_u64().unwrap();
        let expected = format!(
            "checked {} files: {} sentences, {} claims, {} checks ({} consistent, {} inconsistent), {} unchecked percentages, {} errors",
            n("files"),
            n("sentences"),
            n("claims"),
            n("checks"),
            n("consistent"),
            n("inconsistent"),
            n("unchecked"),
            n("errors"),
        );
        let errors = if cfg!(unix) { 6 } else { 2 };
        assert!(
            n("files") == 148 && n("inconsistent") > 0 && n("errors") == errors,
            "{s}"
        );
        let text = String::from_utf8(run("text").stdout).unwrap();
        assert_eq!(text.lines().last(), Some(expected.as_str()), "-j{threads}");
        // One diagnostic per inconsistency, in the order of the files.
        let heads: Vec<&str> = text.lines().filter(|l| l.starts_with("error")).collect();
        assert_eq!(heads.len() as u64, n("inconsistent"), "-j{threads}");
        let paths: Vec<&str> = text
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("--> "))
            .map(|l| l.rsplitn(3, ':').last().unwrap())
            .collect();
        let mut sorted = paths.clone();
        sorted.sort_unstable();
        assert_eq!(
            paths.len(),
            heads.len(),
            "-j{threads}: one location per diagnostic"
        );
        assert_eq!(paths, sorted, "-j{threads}: diagnostics out of file order");
    }
}

#[test]
fn a_bad_config_found_mid_walk_stops_the_run() {
    let dir = mixed_tree();
    std::fs::write(dir.path().join("d5/claimcheck.toml"), "ignroe = []\n").unwrap();
    for threads in ["1", "2"] {
        claimcheck()
            .args(["--format", "jsonl", "-j", threads])
            .arg(dir.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains("unknown field `ignroe`"));
        // The JSON report streams its files as they finish; a run stopped midway
        // still ends it as a document that parses.
        let out = claimcheck()
            .args(["--format", "json", "-j", threads])
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let files = report["files"].as_array().unwrap().len() as u64;
        assert_eq!(
            report["summary"]["files"].as_u64(),
            Some(files),
            "-j{threads}"
        );
    }
    // Every file before the bad configuration is checked and written, and none
    // after it, whatever the number of threads.
    let run = |threads: &str| jsonl(dir.path(), threads, 2);
    let one = run("1");
    let lines = one.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count();
    assert!(lines > 50 && lines < 148, "{lines} files before d5");
    for threads in ["2", "3", "8", "8"] {
        assert!(run(threads) == one, "-j{threads}: other files than -j1");
    }
}
