//! One headless Chromium per test, driven through a chromedriver of its own on a free port,
//! with a profile dir of its own. chromedriver starts in a process group of its own and
//! Chromium with all its helpers joins it, so dropping the browser kills the whole group:
//! a failing test leaves no process behind.

use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::ClientBuilder;
use serde_json::{Value, json};

use crate::browser::Browser;
use crate::tools::missing_tool;

/// The narrowest window Chromium opens.
const MIN_WINDOW: u32 = 500;

/// How long chromedriver may take to listen.
const START: Duration = Duration::from_secs(15);

/// Chromium and chromedriver, found on the `PATH`.
pub struct Chromium(());

impl Chromium {
    /// `None` (after the skip line, or a failure under CI) where either is missing; asked
    /// before a test starts its portal, so that a skip costs nothing.
    pub fn find(test: &str) -> Option<Chromium> {
        if on_path("chromium") && on_path("chromedriver") {
            Some(Chromium(()))
        } else {
            missing_tool(
                test,
                "Chromium with chromedriver",
                "apt-get install chromium chromium-driver",
            );
            None
        }
    }

    /// A browser on the portal at `base`, with the window `size`; `journey` starts the
    /// names of its screenshots.
    pub async fn open(&self, base: &str, journey: &'static str, size: (u32, u32)) -> Browser {
        self.open_with_env(base, journey, size, &[]).await
    }

    /// [`Chromium::open`], with variables added to the environment of chromedriver and so
    /// of Chromium (`FONTCONFIG_FILE`: a machine with other fonts).
    pub async fn open_with_env(
        &self,
        base: &str,
        journey: &'static str,
        size: (u32, u32),
        env: &[(&str, &std::ffi::OsStr)],
    ) -> Browser {
        let port = free_port();
        let driver = ProcessGroup(
            Command::new("chromedriver")
                .arg(format!("--port={port}"))
                .envs(env.iter().copied())
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .process_group(0)
                .spawn()
                .expect("chromedriver starts"),
        );
        wait_for_port(port);
        let profile = tempfile::tempdir().expect("profile dir");
        let mut options = json!({"args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--lang=en-US",
            format!("--window-size={},{}", size.0.max(MIN_WINDOW), size.1),
            format!("--user-data-dir={}", profile.path().display()),
        ]});
        if size.0 < MIN_WINDOW {
            // Chromium's windows are at least 500 px wide, even headless: a phone's
            // viewport is emulated, as its DevTools device mode does (a touch screen
            // that honours the viewport meta tag).
            options["mobileEmulation"] = json!({"deviceMetrics": {
                "width": size.0, "height": size.1, "pixelRatio": 2.0, "touch": true, "mobile": true,
            }});
        }
        let capabilities = json!({"browserName": "chrome", "goog:chromeOptions": options});
        let Value::Object(capabilities) = capabilities else {
            unreachable!("an object")
        };
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a Chromium session");
        Browser::new(client, base, journey, driver, profile)
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

fn wait_for_port(port: u16) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < START,
            "chromedriver never listened on {port}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A child that leads its own process group; dropping it kills the group.
pub struct ProcessGroup(Child);

impl Drop for ProcessGroup {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        // Chromium and its helpers inherited chromedriver's group.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
