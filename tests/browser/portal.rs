//! The portal under test: the real application on port 0 with a data dir of its own, holding
//! the demo content (categories, organizations, published reports with photos and PDFs,
//! drafts and submissions), and accounts made through the portal's own account service.
//!
//! Drawing the demo's photos and PDFs takes seconds of CPU, so the demo is filled once per
//! run into a template data dir, by the portal's own `demo::fill` on a database the
//! portal's own `Db::open` made, and each test's portal starts on a copy of it.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use mmn_portal::accounts::Actor;
use mmn_portal::accounts::manage::{NewAccount, create_account};
use mmn_portal::config::Config;
use mmn_portal::data_dir::DataDir;
use mmn_portal::db::Db;
use mmn_portal::domain::Role;
use mmn_portal::media::store::MediaStore;
use mmn_portal::startup::Application;
use tempfile::TempDir;

/// The password of every account the tests make: unrelated words and a number, so it
/// passes the strength check.
pub const PASSWORD: &str = "river-lantern-mekong-41-sparrow";

pub struct Portal {
    /// `http://127.0.0.1:PORT`: the base URL the portal checks `Origin` against, so the
    /// browser must use exactly this host.
    pub base: String,
    pub db: Db,
    handle: actix_web::dev::ServerHandle,
    _data_dir: TempDir,
}

impl Portal {
    /// A demo portal on a data dir of its own, serving on the test's runtime.
    pub async fn start() -> Portal {
        let data_dir = tempfile::tempdir().expect("temp dir");
        copy_dir(demo_template(), data_dir.path());
        let config = Config::for_data_dir(data_dir.path().to_owned());
        let app = Application::build(config).expect("the portal builds");
        let base = format!("http://127.0.0.1:{}", app.port());
        let db = app.db().clone();
        let handle = app.handle();
        tokio::spawn(app.run_until_stopped());
        Portal {
            base,
            db,
            handle,
            _data_dir: data_dir,
        }
    }

    /// A member account of the organization `org` with [`PASSWORD`]; returns its email.
    pub async fn member(&self, org: &str) -> String {
        self.account(format!("member@{org}.example.org"), Role::Member, Some(org))
            .await
    }

    /// A secretariat account with [`PASSWORD`] (the start's own account has a one-time
    /// password, which the account-page checks change through the browser); returns its
    /// email.
    pub async fn secretariat(&self) -> String {
        self.account("moderator@mmn.example.org".into(), Role::Secretariat, None)
            .await
    }

    async fn account(&self, email: String, role: Role, organization: Option<&str>) -> String {
        let account = NewAccount {
            email: email.clone(),
            display_name: format!("Tester {email}"),
            role,
            organization: organization.map(str::to_owned),
            password: Some(PASSWORD.into()),
        };
        create_account(&self.db, Actor::system(), account)
            .await
            .expect("account stored")
            .expect("valid account");
        email
    }
}

impl Drop for Portal {
    fn drop(&mut self) {
        // The stop command is sent at once; nobody needs to wait for it.
        drop(self.handle.stop(false));
    }
}

/// The data dir with the demo content that every portal starts from a copy of. It lives in
/// `target/tmp/` under this process's id: a static is never dropped, so each run removes
/// the templates of runs that have ended.
fn demo_template() -> &'static Path {
    static TEMPLATE: OnceLock<PathBuf> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"));
        remove_ended_templates(root);
        let dir = root.join(format!("{TEMPLATE_PREFIX}{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let config = Config::for_data_dir(dir.clone());
        let data_dir = DataDir::new(&dir);
        data_dir.create().expect("data dir made");
        let (db, created) = Db::open(&data_dir.database(), &config.db).expect("database");
        assert!(created, "a new database");
        mmn_portal::demo::fill(&db, &MediaStore::new(data_dir.media()), config.timezone)
            .expect("demo content");
        dir
    })
}

const TEMPLATE_PREFIX: &str = "browser-demo-";

fn remove_ended_templates(root: &Path) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix(TEMPLATE_PREFIX) else {
            continue;
        };
        if !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Copies a directory tree (the database with its WAL files, and the media).
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir made");
    for entry in std::fs::read_dir(from).expect("dir read") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("file copied");
        }
    }
}
