use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use reqwest::StatusCode;

use crate::helpers::TestApp;

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Path {
    #[diesel(sql_type = Text)]
    path: String,
}

fn count(app: &TestApp, sql: &str) -> i64 {
    diesel::sql_query(sql)
        .get_result::<Count>(&mut *app.db.read_conn().unwrap())
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .n
}

fn paths(app: &TestApp, sql: &str) -> Vec<String> {
    diesel::sql_query(sql)
        .load::<Path>(&mut *app.db.read_conn().unwrap())
        .unwrap()
        .into_iter()
        .map(|p| p.path)
        .collect()
}

async fn demo_app() -> TestApp {
    TestApp::spawn_with(|c| c.demo = true).await
}

#[tokio::test]
async fn a_new_database_gets_the_demo_content_the_public_pages_need() {
    let app = demo_app().await;
    const LIVE: &str = "JOIN activity_revisions r ON r.id = a.live_revision_id";

    assert!(count(&app, "SELECT count(*) AS n FROM categories") >= 6);
    assert!(count(&app, "SELECT count(*) AS n FROM organizations") >= 10);
    assert!(
        count(
            &app,
            "SELECT count(DISTINCT country) AS n FROM organizations"
        ) >= 5
    );
    assert!(
        count(
            &app,
            "SELECT count(*) AS n FROM organizations WHERE logo_image_id IS NOT NULL"
        ) >= 10
    );
    let published = count(
        &app,
        "SELECT count(*) AS n FROM activities WHERE live_revision_id IS NOT NULL",
    );
    assert!(published >= 36, "{published} published");
    let in_main = count(
        &app,
        &format!(
            "SELECT count(*) AS n FROM activities a {LIVE} JOIN revision_categories rc ON rc.revision_id = r.id \
         JOIN categories c ON c.id = rc.category_id WHERE c.slug = 'network-activities'"
        ),
    );
    assert_eq!(
        in_main, published,
        "every published activity is in the main category"
    );
    for language in ["en", "th", "my"] {
        let n = count(
            &app,
            &format!(
                "SELECT count(*) AS n FROM activities a {LIVE} WHERE r.language = '{language}'"
            ),
        );
        assert!(n >= 3, "{n} published in {language}");
    }
    assert!(
        count(
            &app,
            "SELECT count(DISTINCT strftime('%Y', published_at)) AS n FROM activities WHERE live_revision_id IS NOT NULL"
        ) >= 3
    );
    assert!(
        count(
            &app,
            &format!(
                "SELECT count(*) AS n FROM activities a {LIVE} JOIN photos p ON p.revision_id = r.id WHERE p.alt <> '' AND p.caption <> ''"
            )
        ) >= 60
    );
    assert!(
        count(
            &app,
            &format!(
                "SELECT count(DISTINCT a.id) AS n FROM activities a {LIVE} JOIN attachments t ON t.revision_id = r.id"
            )
        ) >= 8
    );
    assert!(
        count(
            &app,
            &format!(
                "SELECT count(DISTINCT a.id) AS n FROM activities a {LIVE} JOIN revision_partners p ON p.revision_id = r.id"
            )
        ) >= 10
    );
    assert!(
        count(
            &app,
            &format!(
                "SELECT count(DISTINCT a.id) AS n FROM activities a {LIVE} JOIN revision_links l ON l.revision_id = r.id"
            )
        ) >= 5
    );
    assert!(
        count(
            &app,
            &format!(
                "SELECT count(*) AS n FROM activities a {LIVE} WHERE r.body_html LIKE '%<ol%'"
            )
        ) >= 5,
        "numbered recommendations"
    );
    for state in ["draft", "submitted", "rejected", "unpublished"] {
        let n = count(
            &app,
            &format!(
                "SELECT count(*) AS n FROM activities a JOIN activity_revisions r ON r.id = a.current_revision_id \
             WHERE r.state = '{state}' AND a.live_revision_id IS NULL"
            ),
        );
        assert!(n >= 1, "no {state} activity");
    }
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS n FROM pages WHERE slug IN ('about', 'members', 'contact', 'privacy')"
        ),
        4
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS n FROM activity_revisions WHERE body_html LIKE '%<script%'"
        ),
        0
    );
}

#[tokio::test]
async fn published_media_is_served_and_unpublished_media_is_not() {
    let app = demo_app().await;

    let public_photo = paths(
        &app,
        "SELECT v.path FROM image_variants v JOIN photos p ON p.image_id = v.image_id \
        JOIN activities a ON a.live_revision_id = p.revision_id WHERE v.format = 'jpeg' LIMIT 1",
    );
    let response = app.get(&format!("/media/{}", public_photo[0])).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "image/jpeg");
    assert_eq!(response.headers()["cache-control"], "public, max-age=300");
    let bytes = response.bytes().await.unwrap();
    assert_eq!(&bytes[..3], &[0xFF, 0xD8, 0xFF]);

    let pdf = paths(
        &app,
        "SELECT f.path FROM stored_files f JOIN attachments t ON t.file_id = f.id \
        JOIN activities a ON a.live_revision_id = t.revision_id LIMIT 1",
    );
    let response = app.get(&format!("/media/{}", pdf[0])).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert!(response.bytes().await.unwrap().starts_with(b"%PDF-"));

    let logo = paths(
        &app,
        "SELECT v.path FROM image_variants v JOIN organizations o ON o.logo_image_id = v.image_id LIMIT 1",
    );
    assert_eq!(
        app.get(&format!("/media/{}", logo[0])).await.status(),
        StatusCode::OK
    );

    // Photos that only unpublished revisions use exist on disk but are not served.
    let private = paths(
        &app,
        "SELECT v.path FROM image_variants v JOIN photos p ON p.image_id = v.image_id \
        JOIN activities a ON a.current_revision_id = p.revision_id WHERE a.live_revision_id IS NULL",
    );
    assert!(
        !private.is_empty(),
        "the demo has a photo on an unpublished activity"
    );
    for path in &private {
        assert!(app.data_dir.path().join("media").join(path).is_file());
        let response = app.get(&format!("/media/{path}")).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path} leaked");
    }
    for path in [
        "/media/../session.key",
        "/media/%2e%2e/session.key",
        "/media/img/zz/nothing.jpg",
    ] {
        assert_eq!(
            app.get(path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}
