//! A data dir made ready for the real binary (migrated, organizations, a category, accounts
//! with final passwords, all through its own commands or plain SQL), a logged-in client
//! for it, photos to upload, and the checks that a data dir is whole.

use std::collections::HashSet;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use image::{ImageFormat, Rgb, RgbImage};
use reqwest::{Client, StatusCode};

use crate::helpers::{Page, client_builder};
use crate::sessions::{PASSWORD, csrf_token, member_email};

/// The category every report here is filed under.
pub const CATEGORY: &str = "trainings";

/// Runs one command of the binary on `data_dir` (the path as this process sees it),
/// feeding `stdin`; panics unless it succeeds.
pub fn run(data_dir: &Path, args: &[&str], stdin: &str) {
    run_command(crate::process::command(data_dir), args, stdin);
}

/// Runs `command` with `args` added, feeding `stdin`; panics unless it succeeds.
pub fn run_command(mut command: std::process::Command, args: &[&str], stdin: &str) {
    let mut child = command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Migrates the database in `data_dir` and adds the secretariat account `admin@localhost`
/// (password [`PASSWORD`]), through the binary's own commands.
pub fn prepare(data_dir: &Path) {
    run(data_dir, &["migrate"], "");
    run(
        data_dir,
        &[
            "user",
            "add",
            "--email",
            "admin@localhost",
            "--role",
            "secretariat",
        ],
        &format!("{PASSWORD}\n"),
    );
}

/// Through the running portal at `base`, the secretariat adds [`CATEGORY`] and the
/// organizations `orgs`; then each gets a member account ([`member_email`], password
/// [`PASSWORD`]) through `user add`, which `add_account` runs with these arguments.
pub async fn populate(base: &str, orgs: &[&str], add_account: impl Fn(&[&str])) {
    let secretariat = Browser::log_in(base, "admin@localhost").await;
    let response = secretariat
        .post(
            "/admin/categories",
            &[
                ("name", "Trainings"),
                ("slug", CATEGORY),
                ("description", ""),
                ("position", "1"),
            ],
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "category created");
    for slug in orgs {
        let name = format!("Organization {slug}");
        let response = secretariat
            .post(
                "/admin/organizations",
                &[
                    ("name", &name),
                    ("slug", slug),
                    ("country", "TH"),
                    ("website", ""),
                    ("profile", ""),
                ],
            )
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{slug} created");
        let email = member_email(slug);
        let args = [
            "user",
            "add",
            "--email",
            &email,
            "--role",
            "member",
            "--organization",
            slug,
        ];
        add_account(&args);
    }
}

/// A portal serving `data_dir` (the real binary), prepared with `orgs` and their members.
pub async fn serve_prepared(data_dir: &Path, orgs: &[&str]) -> crate::process::ServerProcess {
    prepare(data_dir);
    let server = crate::process::ServerProcess::start(crate::process::command(data_dir));
    populate(&server.url(""), orgs, |args| {
        run(data_dir, args, &format!("{PASSWORD}\n"))
    })
    .await;
    server
}

/// A connection to the data dir's database.
pub fn database(data_dir: &Path) -> SqliteConnection {
    let path = data_dir.join("portal.sqlite3");
    let mut conn = SqliteConnection::establish(path.to_str().unwrap()).unwrap();
    conn.batch_execute("PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;")
        .unwrap();
    conn
}

/// A logged-in browser of the real portal at `base` (`http://127.0.0.1:PORT`).
#[derive(Clone)]
pub struct Browser {
    pub base: String,
    pub client: Client,
    pub token: String,
}

impl Browser {
    /// Logs in `email` with [`PASSWORD`].
    pub async fn log_in(base: &str, email: &str) -> Browser {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let client = client_builder()
            .cookie_provider(Arc::clone(&jar))
            .build()
            .unwrap();
        let login =
            Page::from_response(client.get(format!("{base}/login")).send().await.unwrap()).await;
        let response = client
            .post(format!("{base}/login"))
            .form(&[
                ("email", email),
                ("password", PASSWORD),
                ("csrf_token", &csrf_token(&login)),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "login of {email}");
        let account = Page::from_response(
            client
                .get(format!("{base}/admin/account"))
                .send()
                .await
                .unwrap(),
        )
        .await;
        Browser {
            base: base.to_owned(),
            client,
            token: csrf_token(&account),
        }
    }

    /// The member of `org`.
    pub async fn member(base: &str, org: &str) -> Browser {
        Browser::log_in(base, &member_email(org)).await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// POSTs a form with the token added.
    pub async fn post(
        &self,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Result<reqwest::Response> {
        let mut all = vec![("csrf_token", self.token.as_str())];
        all.extend_from_slice(fields);
        self.client.post(self.url(path)).form(&all).send().await
    }

    /// Uploads one photo to activity `id`.
    pub async fn upload(
        &self,
        id: i32,
        name: &str,
        bytes: Vec<u8>,
    ) -> reqwest::Result<reqwest::Response> {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(name.to_owned())
            .mime_str("image/jpeg")
            .unwrap();
        let form = reqwest::multipart::Form::new()
            .text("csrf_token", self.token.clone())
            .part("photos", part);
        self.client
            .post(self.url(&format!("/admin/activities/{id}/photos")))
            .multipart(form)
            .send()
            .await
    }
}

/// The fields of a draft ready to submit.
pub fn report_fields<'a>(title: &'a str, body: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("summary", "Workers and volunteers met at the border."),
        ("body", body),
        ("categories", CATEGORY),
        ("event_start", "2024-12-18"),
        ("language", "en"),
    ]
}

/// A JPEG of `width`×`height` whose pixels depend on `seed`, so each seed is another photo.
pub fn photo(seed: u32, width: u32, height: u32) -> Vec<u8> {
    let picture = RgbImage::from_fn(width, height, |x, y| {
        let v =
            x.wrapping_mul(7).wrapping_add(y.wrapping_mul(13)) ^ seed.wrapping_mul(2_654_435_761);
        Rgb([(v >> 3) as u8, (v >> 9) as u8, (x ^ y ^ seed) as u8])
    });
    let mut bytes = Vec::new();
    picture
        .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Jpeg)
        .unwrap();
    bytes
}

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    line: String,
}

#[derive(QueryableByName)]
struct Stored {
    #[diesel(sql_type = Text)]
    path: String,
    #[diesel(sql_type = BigInt)]
    size: i64,
}

/// What a data dir's check found.
#[derive(Debug, Default)]
pub struct Wholeness {
    /// Files under `media/` that no row names (written before a commit that never came).
    pub unreferenced: Vec<PathBuf>,
    /// Stored files that `media/` holds.
    pub referenced: usize,
}

/// Checks that the database passes `integrity_check` and `foreign_key_check`, every
/// activity has its current revision, every photo its variants, every row naming a file
/// has that file at its size, and no partial file is left; returns the files no row names.
pub fn check_whole(data_dir: &Path) -> Wholeness {
    check_whole_at(&mut database(data_dir), &data_dir.join("media"))
}

/// [`check_whole`] of the database `conn` and the media directory `media`.
pub fn check_whole_at(conn: &mut SqliteConnection, media: &Path) -> Wholeness {
    let integrity: Vec<Line> =
        diesel::sql_query("SELECT integrity_check AS line FROM pragma_integrity_check")
            .load(conn)
            .unwrap();
    let integrity: Vec<_> = integrity.into_iter().map(|l| l.line).collect();
    assert_eq!(integrity, ["ok"], "integrity_check");
    let broken_keys: Vec<Line> = diesel::sql_query(
        "SELECT \"table\" || ' row ' || coalesce(rowid, '?') || ' -> ' || parent AS line \
         FROM pragma_foreign_key_check",
    )
    .load(conn)
    .unwrap();
    let broken_keys: Vec<_> = broken_keys.into_iter().map(|l| l.line).collect();
    assert!(broken_keys.is_empty(), "foreign_key_check: {broken_keys:?}");

    let headless: Vec<Line> = diesel::sql_query(
        "SELECT a.slug AS line FROM activities a LEFT JOIN activity_revisions r \
           ON r.id = a.current_revision_id AND r.activity_id = a.id WHERE r.id IS NULL",
    )
    .load(conn)
    .unwrap();
    assert!(
        headless.is_empty(),
        "activities without their current revision: {:?}",
        headless.iter().map(|l| &l.line).collect::<Vec<_>>()
    );
    let bare: Vec<Line> = diesel::sql_query(
        "SELECT CAST(i.id AS TEXT) AS line FROM stored_images i \
         WHERE NOT EXISTS (SELECT 1 FROM image_variants v WHERE v.image_id = i.id)",
    )
    .load(conn)
    .unwrap();
    assert!(bare.is_empty(), "images without variants: {}", bare.len());

    let stored: Vec<Stored> = diesel::sql_query(
        "SELECT path, byte_size AS size FROM image_variants \
         UNION ALL SELECT path, byte_size AS size FROM stored_files",
    )
    .load(conn)
    .unwrap();
    let mut named = HashSet::new();
    for s in &stored {
        let file = media.join(&s.path);
        let size = std::fs::metadata(&file)
            .unwrap_or_else(|e| panic!("a row names {} but: {e}", s.path))
            .len();
        assert_eq!(size as i64, s.size, "{} is cut short", s.path);
        named.insert(file);
    }
    let mut files = Vec::new();
    walk(media, &mut files);
    let partial: Vec<_> = files
        .iter()
        .filter(|f| {
            let name = f.to_string_lossy();
            name.ends_with(".partial") || name.ends_with(".part")
        })
        .collect();
    assert!(partial.is_empty(), "partial files left: {partial:?}");
    Wholeness {
        unreferenced: files.into_iter().filter(|f| !named.contains(f)).collect(),
        referenced: named.len(),
    }
}

/// Every file under `dir`.
pub fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The ids of the photos on an activity's edit page, in order.
pub async fn photo_ids(browser: &Browser, activity: i32) -> Vec<i32> {
    let page = Page::from_response(
        browser
            .client
            .get(browser.url(&format!("/admin/activities/{activity}/edit")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK, "edit page of {activity}");
    page.attrs("form", "action")
        .iter()
        .filter_map(|a| a.strip_prefix("/admin/photos/")?.parse().ok())
        .collect()
}

/// A member's report with one described photo, submitted for review: its id. Each step
/// must succeed.
pub async fn submitted_report(browser: &Browser, title: &str, seed: u32) -> i32 {
    let body = format!("What happened, told by the report {title}.");
    let response = browser
        .post("/admin/activities", &report_fields(title, &body))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{title} created");
    let id = crate::helpers::created_activity_id(&response);
    let response = browser
        .upload(id, "photo.jpg", photo(seed, 640, 480))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "photo of {title}");
    for photo in photo_ids(browser, id).await {
        let response = browser
            .post(
                &format!("/admin/photos/{photo}"),
                &[("alt", "Volunteers at a table"), ("caption", "")],
            )
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "alt text of {title}"
        );
    }
    let response = browser
        .post(
            &format!("/admin/activities/{id}/submit"),
            &[("consent", "yes")],
        )
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "{title} submitted"
    );
    id
}

/// The public address of a published activity.
pub fn public_path(conn: &mut SqliteConnection, activity: i32) -> String {
    #[derive(QueryableByName)]
    struct Slug {
        #[diesel(sql_type = Text)]
        slug: String,
    }
    let slug: Slug = diesel::sql_query("SELECT slug FROM activities WHERE id = ?")
        .bind::<diesel::sql_types::Integer, _>(activity)
        .get_result(conn)
        .unwrap();
    format!("/activities/{}", slug.slug)
}

/// The `n` of a `SELECT count(*) AS n …`.
pub fn count_rows(conn: &mut SqliteConnection, sql: &str) -> i64 {
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    diesel::sql_query(sql).get_result::<Count>(conn).unwrap().n
}
