//! External checkers the tests run, under one rule: where a tool is missing, the test prints
//! one line saying it was skipped; when `CI` is set, a missing tool fails the test instead.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Whether the tests run under CI, where every tool must be present.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Reports a missing tool: a skip line locally, a failure in CI.
pub fn missing_tool(test: &str, tool: &str, how_to_get_it: &str) {
    if in_ci() {
        panic!("{test}: {tool} is missing and CI requires it ({how_to_get_it})");
    }
    eprintln!("SKIPPED {test}: {tool} is not installed ({how_to_get_it})");
}

/// The Nu HTML Checker, from the npm package pinned in `tests/tools`.
pub struct HtmlChecker {
    jar: PathBuf,
}

impl HtmlChecker {
    /// The checker, or `None` (after the skip line) where Java or the jar is missing.
    pub fn find(test: &str) -> Option<HtmlChecker> {
        let jar = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/tools/node_modules/vnu-jar/build/dist/vnu.jar");
        let java = Command::new("java")
            .arg("-version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !java || !jar.is_file() {
            missing_tool(
                test,
                "the Nu HTML Checker (java + vnu.jar)",
                "apt-get install default-jre-headless; npm ci --prefix tests/tools",
            );
            return None;
        }
        Some(HtmlChecker { jar })
    }

    /// Validates several documents in one run of the checker (it is a JVM: starting it
    /// costs seconds). `Err` holds the messages, each line naming its document.
    pub fn check_all(&self, documents: &[(String, String)]) -> Result<(), String> {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut paths = Vec::new();
        for (i, (name, html)) in documents.iter().enumerate() {
            let safe: String = name
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            let path = dir.path().join(format!("{i:02}{safe}.html"));
            std::fs::write(&path, html).expect("page written");
            paths.push(path);
        }
        let out = Command::new("java")
            .arg("-jar")
            .arg(&self.jar)
            .args(["--errors-only", "--format", "gnu"])
            .args(&paths)
            .output()
            .expect("java runs");
        if out.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ))
        }
    }

    /// Validates one HTML document; `Err` holds the checker's messages.
    pub fn check(&self, html: &str) -> Result<(), String> {
        let mut child = Command::new("java")
            .args(["-jar"])
            .arg(&self.jar)
            .args(["--errors-only", "--format", "gnu", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("java starts");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(html.as_bytes())
            .expect("html written to the checker");
        let out = child.wait_with_output().expect("checker finishes");
        if out.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ))
        }
    }
}
