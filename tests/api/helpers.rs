//! `TestApp::spawn()`: the portal on port 0 with a data dir of its own, and a client that
//! keeps cookies and never follows redirects (tests assert on the 303 itself).

use std::future::Future;
use std::sync::Once;

use mmn_portal::accounts::OneTimeCredentials;
use mmn_portal::config::Config;
use mmn_portal::db::Db;
use mmn_portal::startup::Application;
use reqwest::{Response, StatusCode};
use scraper::{Html, Selector};
use tempfile::TempDir;

pub struct TestApp {
    pub address: String,
    pub db: Db,
    pub client: reqwest::Client,
    pub credentials: Option<OneTimeCredentials>,
    pub data_dir: TempDir,
    handle: actix_web::dev::ServerHandle,
}

/// Logs of the app under test go to stderr when `TEST_LOG` is set.
fn init_logs() {
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        if std::env::var_os("TEST_LOG").is_some() {
            mmn_portal::telemetry::init();
        }
    });
}

impl TestApp {
    /// A portal with default settings on a fresh data dir.
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    /// A portal whose configuration `adjust` may change first.
    pub async fn spawn_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
        Self::spawn_in(tempfile::tempdir().expect("temp dir"), adjust).await
    }

    /// A portal on an existing data dir (to restart one: take its `data_dir` out first).
    pub async fn spawn_in(data_dir: TempDir, adjust: impl FnOnce(&mut Config)) -> TestApp {
        init_logs();
        let mut config = Config::for_data_dir(data_dir.path().to_owned());
        adjust(&mut config);
        let app = Application::build(config).expect("the application builds");
        let address = format!("http://127.0.0.1:{}", app.port());
        let db = app.db().clone();
        let credentials = app.one_time_credentials().cloned();
        let handle = app.handle();
        tokio::spawn(app.run_until_stopped());
        TestApp {
            address,
            db,
            client: client(),
            credentials,
            data_dir,
            handle,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request sent")
    }

    /// GETs `path` and parses the body as HTML.
    pub async fn get_page(&self, path: &str) -> Page {
        Page::from_response(self.get(path).await).await
    }

    /// The SQL statements a GET of `path` runs (it must answer 200): the least of three
    /// visits, since the scheduler's once-a-second query is counted too.
    pub async fn statements_for(&self, path: &str) -> u64 {
        let mut least = u64::MAX;
        for _ in 0..3 {
            let (n, response) = self.statements_during(self.get(path)).await;
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            least = least.min(n);
        }
        least
    }

    /// Runs `request` and counts the SQL statements the portal ran meanwhile.
    pub async fn statements_during<T, F: Future<Output = T>>(&self, request: F) -> (u64, T) {
        let before = self.db.statement_count();
        let out = request.await;
        (self.db.statement_count() - before, out)
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // The stop command is sent at once; nobody needs to wait for it.
        drop(self.handle.stop(false));
    }
}

/// A demo portal shared by the read-only tests of one file (each file its own `cell`, so
/// files stay independent). It runs on a runtime of its own, since every test has its own
/// and the server must outlive them; its client opens a connection per request for the
/// same reason (pooled connections belong to the runtime that opened them).
pub async fn shared_demo(cell: &'static tokio::sync::OnceCell<TestApp>) -> &'static TestApp {
    cell.get_or_init(|| async {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Runtime::new().expect("runtime");
            runtime.block_on(async move {
                let mut app = TestApp::spawn_with(|c| c.demo = true).await;
                app.client = client_builder()
                    .pool_max_idle_per_host(0)
                    .build()
                    .expect("client");
                tx.send(app).expect("the test waits for its portal");
                std::future::pending::<()>().await;
            });
        });
        rx.recv().expect("the shared portal starts")
    })
    .await
}

/// A client with a cookie jar that never follows redirects.
pub fn client() -> reqwest::Client {
    client_builder().build().expect("http client")
}

pub fn client_builder() -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
}

/// A parsed HTML response.
pub struct Page {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
    pub html: Html,
}

impl Page {
    pub async fn from_response(response: Response) -> Page {
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.text().await.expect("response body");
        let html = Html::parse_document(&body);
        Page {
            status,
            headers,
            body,
            html,
        }
    }

    /// The text of every element matching `selector`, whitespace collapsed.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let selector = Selector::parse(selector).expect("valid selector");
        self.html
            .select(&selector)
            .map(|e| {
                e.text()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// The value of `attribute` on every element matching `selector`.
    pub fn attrs(&self, selector: &str, attribute: &str) -> Vec<String> {
        let selector = Selector::parse(selector).expect("valid selector");
        self.html
            .select(&selector)
            .filter_map(|e| e.value().attr(attribute).map(str::to_owned))
            .collect()
    }
}

/// The id of the activity a 303 points at (`/admin/activities/{id}/edit`).
pub fn created_activity_id(response: &Response) -> i32 {
    let location = response.headers()["location"].to_str().expect("a location");
    location
        .trim_start_matches("/admin/activities/")
        .trim_end_matches("/edit")
        .parse()
        .unwrap_or_else(|_| panic!("not an activity's edit page: {location}"))
}
