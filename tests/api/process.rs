//! The real binary as a child process, for what only a process shows: its stdout, its exit
//! status, its answer to signals.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

pub const BINARY: &str = env!("CARGO_BIN_EXE_mmn-portal");

/// `mmn-portal --data-dir DIR ARGS…`, ready to run.
pub fn command(data_dir: &Path) -> Command {
    let mut command = Command::new(BINARY);
    command.arg("--data-dir").arg(data_dir);
    for (name, _) in std::env::vars() {
        if name.starts_with("PORTAL_") {
            command.env_remove(name);
        }
    }
    command.env("RUST_LOG", "info");
    command
}

/// A serving portal process, killed when dropped.
pub struct ServerProcess {
    child: Child,
    pub port: u16,
    stdout: Option<std::process::ChildStdout>,
    stderr_lines: Arc<Mutex<Vec<String>>>,
}

impl ServerProcess {
    /// Starts `serve` on a free loopback port and waits until it listens.
    pub fn start(mut command: Command) -> ServerProcess {
        command
            .args(["serve", "--bind", "127.0.0.1:0", "--no-demo"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("the portal starts");
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let stderr_lines = Arc::new(Mutex::new(Vec::new()));
        let lines = Arc::clone(&stderr_lines);
        std::thread::spawn(move || {
            let mut tx = Some(tx);
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let port = line
                    .split_whitespace()
                    .find_map(|w| w.strip_prefix("address=127.0.0.1:"))
                    .and_then(|p| p.parse::<u16>().ok());
                if let (Some(port), Some(tx)) = (port, tx.take_if(|_| port.is_some())) {
                    let _ = tx.send(port);
                }
                if std::env::var_os("TEST_LOG").is_some() {
                    eprintln!("[portal] {line}");
                }
                lines.lock().unwrap().push(line);
            }
        });
        let port = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("the portal logs the address it listens on");
        let stdout = child.stdout.take();
        let server = ServerProcess {
            child,
            port,
            stdout,
            stderr_lines,
        };
        server.wait_until_serving();
        server
    }

    /// The address is logged when the socket is bound, before the one-time password is
    /// printed and before SIGTERM is handled: until the first answer, a stop could cut the
    /// process short. Gives up quietly, so tests of a portal that never answers still run.
    fn wait_until_serving(&self) {
        use std::io::Write;
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            let answered = std::net::TcpStream::connect(("127.0.0.1", self.port))
                .and_then(|mut stream| {
                    stream.set_read_timeout(Some(Duration::from_secs(2)))?;
                    stream.write_all(b"GET /healthz HTTP/1.0\r\n\r\n")?;
                    let mut first = [0u8; 12];
                    stream.read_exact(&mut first)?;
                    Ok(first.starts_with(b"HTTP/"))
                })
                .unwrap_or(false);
            if answered {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{}", self.port, path)
    }

    /// The log lines printed on stderr so far.
    pub fn log_lines(&self) -> Vec<String> {
        self.stderr_lines.lock().unwrap().clone()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends SIGTERM, as a service manager stopping the portal would.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    /// Waits for the process to exit, up to `limit`.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let started = Instant::now();
        while started.elapsed() < limit {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }

    /// Stops the process and returns everything it printed on stdout.
    pub fn stop_and_read_stdout(mut self) -> String {
        self.terminate();
        assert!(
            self.wait_exit(Duration::from_secs(20)).is_some(),
            "stops on SIGTERM"
        );
        let mut out = String::new();
        self.stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        out
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
