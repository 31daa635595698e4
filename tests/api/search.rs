//! `/search`: words in every script of the region, any query a visitor may type, and an
//! index that follows publication in the same transaction.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use reqwest::StatusCode;
use tokio::sync::OnceCell;

use crate::fixtures::{self, Writing};
use crate::helpers::{Page, TestApp};
use crate::tools::HtmlChecker;
use mmn_portal::search::CANDIDATES;

/// The demo portal the read-only tests of this file share.
async fn demo() -> &'static TestApp {
    static APP: OnceCell<TestApp> = OnceCell::const_new();
    crate::helpers::shared_demo(&APP).await
}

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = Text)]
    a: String,
    #[diesel(sql_type = Text)]
    b: String,
}

fn rows(app: &TestApp, sql: &str) -> Vec<(String, String)> {
    diesel::sql_query(sql)
        .load::<Row>(&mut *app.db.read_conn().unwrap())
        .unwrap()
        .into_iter()
        .map(|r| (r.a, r.b))
        .collect()
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn count(app: &TestApp, sql: &str) -> i64 {
    diesel::sql_query(sql)
        .get_result::<Count>(&mut *app.db.read_conn().unwrap())
        .unwrap()
        .n
}

fn query_path(q: &str) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    s.append_pair("q", q);
    format!("/search?{}", s.finish())
}

/// The search page for `q`, asserting it answered 200.
async fn search(app: &TestApp, q: &str) -> Page {
    search_path(app, &query_path(q)).await
}

async fn search_path(app: &TestApp, path: &str) -> Page {
    let page = app.get_page(path).await;
    assert_eq!(page.status, StatusCode::OK, "{path}");
    page
}

/// The activity slugs a result page links to, in order.
fn found(page: &Page) -> Vec<String> {
    page.attrs(".search-result h2 a", "href")
        .into_iter()
        .map(|h| h.trim_start_matches("/activities/").to_owned())
        .collect()
}

fn live_body(app: &TestApp, slug: &str) -> (String, String) {
    rows(
        app,
        &format!(
            "SELECT r.body AS a, r.title || ' ' || r.summary AS b FROM activities a \
             JOIN activity_revisions r ON r.id = a.live_revision_id WHERE a.slug = '{slug}'"
        ),
    )
    .remove(0)
}

#[tokio::test]
async fn thai_and_burmese_words_from_the_middle_of_a_body_are_found() {
    let app = demo().await;
    for (slug, word) in [
        ("thailand-national-training-2015", "ประกันสังคม"),
        ("safe-migration-talk-hlaing-tharyar-2015", "ကြွေးမြီ"),
    ] {
        let (body, title_and_summary) = live_body(app, slug);
        let at = body.find(word).expect("the word is in the body");
        assert!(
            at > body.len() / 5 && !title_and_summary.contains(word),
            "{word} is inside the body only"
        );
        let page = search(app, word).await;
        assert!(
            found(&page).contains(&slug.to_owned()),
            "{word}: {:?}",
            found(&page)
        );
        assert!(
            page.texts(".search-result mark")
                .iter()
                .any(|m| m.contains(word)),
            "{word} is highlighted: {:?}",
            page.texts(".search-result mark")
        );
        let lang = page.attrs(".search-result .snippet[lang]", "lang");
        assert!(!lang.is_empty() && lang.iter().all(|l| l == "th" || l == "my"));
    }
}

#[tokio::test]
async fn english_matches_whatever_the_case_and_accents() {
    let app = TestApp::spawn().await;
    let org = fixtures::organization(&app, "cdc", "Centre de Développement Communautaire");
    fixtures::published(
        &app,
        "reunion-hanoi",
        org,
        Writing {
            title: "Réunion régionale des travailleurs",
            body: "Forty delegates met at the Café Solidarité in Hà Nội to compare \
                   recruitment fees.\n\nThe meeting asked for FAIR RECRUITMENT everywhere.",
            ..Writing::default()
        },
    );
    for q in [
        "reunion",
        "RÉUNION",
        "Reunion Regionale",
        "cafe solidarite",
        "CAFÉ",
        "ha noi",
        "Fair Recruitment",
        "fair recruitment",
        "developpement communautaire",
        "DELEGATES",
    ] {
        assert_eq!(found(&search(&app, q).await), ["reunion-hanoi"], "{q}");
    }
    // The highlights fold as the index does: the text keeps its own case and accents.
    for (q, title, snippet) in [
        ("reunion", vec!["Réunion"], vec![]),
        ("CAFÉ", vec![], vec!["Café"]),
        ("ha noi", vec![], vec!["Hà Nội"]),
        ("\"fair recruitment\"", vec![], vec!["FAIR RECRUITMENT"]),
        (
            "fair recruitment",
            vec![],
            vec!["recruitment", "FAIR", "RECRUITMENT"],
        ),
        (
            "Régionale OR delegates",
            vec!["régionale"],
            vec!["delegates"],
        ),
    ] {
        let page = search(&app, q).await;
        assert_eq!(page.texts(".search-result h2 mark"), title, "{q}");
        assert_eq!(page.texts(".search-result .snippet mark"), snippet, "{q}");
    }
    assert!(
        found(&search(&app, "Hanoi").await).is_empty(),
        "no fuzzy matching"
    );
}

#[tokio::test]
async fn unpublished_activities_are_never_found() {
    let app = demo().await;
    let hidden = rows(
        app,
        "SELECT a.slug AS a, r.title AS b FROM activities a \
           JOIN activity_revisions r ON r.id = a.current_revision_id \
          WHERE a.live_revision_id IS NULL",
    );
    assert!(hidden.len() >= 5);
    for (slug, title) in &hidden {
        // The title, and a run of words from the middle of the body.
        let body = &rows(
            app,
            &format!(
                "SELECT r.body AS a, '' AS b FROM activities a \
                   JOIN activity_revisions r ON r.id = a.current_revision_id WHERE a.slug = '{slug}'"
            ),
        )[0]
        .0;
        let words: Vec<&str> = body.split_whitespace().collect();
        let middle = words[words.len() / 2..(words.len() / 2 + 3).min(words.len())].join(" ");
        for q in [title.as_str(), &format!("\"{middle}\"")] {
            let page = search(app, q).await;
            assert!(!found(&page).contains(slug), "{q} found hidden {slug}");
            assert!(!page.body.contains(&format!("/activities/{slug}\"")));
        }
    }
    let browse = search_path(app, "/search?language=en").await;
    for (slug, _) in &hidden {
        assert!(!found(&browse).contains(slug));
    }
}

#[tokio::test]
async fn the_index_follows_publication_edits_and_unpublication_in_the_same_transaction() {
    let app = TestApp::spawn().await;
    let org = fixtures::organization(&app, "lscw", "Labour Rights Promotion Network");
    let partner = fixtures::organization(&app, "map", "MAP Foundation");
    let (id, first) = fixtures::activity(
        &app,
        "fishers-training",
        org,
        Writing {
            title: "Training for fishers in Samut Sakhon",
            body: "Boat crews learned about the Work in Fishing Convention.",
            ..Writing::default()
        },
    );
    let index_is_exact = |when: &str| {
        let differences = count(
            &app,
            "SELECT (SELECT count(*) FROM (
                 SELECT rowid, title, summary, body, location, organizations, attachments FROM search_index
                 EXCEPT SELECT activity_id, title, summary, body, location, organizations, attachments
                   FROM search_documents))
                  + (SELECT count(*) FROM (
                 SELECT activity_id, title, summary, body, location, organizations, attachments
                   FROM search_documents
                 EXCEPT SELECT rowid, title, summary, body, location, organizations, attachments
                   FROM search_index)) AS n",
        );
        assert_eq!(
            differences, 0,
            "index differs from the live revisions {when}"
        );
    };
    assert!(
        found(&search(&app, "fishers").await).is_empty(),
        "a draft is not found"
    );

    fixtures::go_live(&app, id, first);
    index_is_exact("after publishing");
    assert_eq!(found(&search(&app, "fishers").await), ["fishers-training"]);
    assert_eq!(
        found(&search(&app, "labour rights").await),
        ["fishers-training"],
        "organization"
    );

    // A rolled-back unpublication leaves the activity findable.
    let rolled_back = app
        .db
        .write_conn()
        .unwrap()
        .transaction::<(), diesel::result::Error, _>(|conn| {
            diesel::sql_query(format!(
                "UPDATE activities SET live_revision_id = NULL WHERE id = {id}"
            ))
            .execute(conn)?;
            let inside = diesel::sql_query("SELECT count(*) AS n FROM search_index")
                .get_result::<Count>(conn)?;
            assert_eq!(inside.n, 0, "gone inside the transaction");
            Err(diesel::result::Error::RollbackTransaction)
        });
    assert!(rolled_back.is_err());
    assert_eq!(found(&search(&app, "fishers").await), ["fishers-training"]);

    // The secretariat corrects the live revision in place.
    fixtures::execute(
        &app,
        &format!(
            "UPDATE activity_revisions SET title = 'Training for boat crews in Samut Sakhon' WHERE id = {first}"
        ),
    );
    index_is_exact("after an edit");
    assert!(found(&search(&app, "fishers").await).is_empty());
    assert_eq!(
        found(&search(&app, "boat crews").await),
        ["fishers-training"]
    );

    // A new revision is written: the public still finds the live one only.
    let second = fixtures::revision(
        &app,
        id,
        2,
        Writing {
            title: "Training for boat crews and their families",
            body: "Families joined a session on remittances.",
            ..Writing::default()
        },
    );
    assert!(
        found(&search(&app, "remittances").await).is_empty(),
        "not approved yet"
    );
    // Attachments and partners of the new revision, then approval (or the scheduler).
    fixtures::execute(
        &app,
        &format!(
            "INSERT INTO stored_files (sha256, media_type, byte_size, path) VALUES ('s', 'application/pdf', 9, 'ab/s.pdf');
             INSERT INTO attachments (revision_id, file_id, position, title, file_name)
                  VALUES ({second}, last_insert_rowid(), 0, 'Remittance handbook', 'h.pdf');
             INSERT INTO revision_partners VALUES ({second}, {partner});"
        ),
    );
    fixtures::go_live(&app, id, second);
    index_is_exact("after approving a new revision");
    assert_eq!(
        found(&search(&app, "remittances").await),
        ["fishers-training"]
    );
    assert_eq!(
        found(&search(&app, "handbook").await),
        ["fishers-training"],
        "attachment title"
    );
    assert_eq!(
        found(&search(&app, "MAP Foundation").await),
        ["fishers-training"],
        "partner"
    );
    assert!(
        found(&search(&app, "Convention").await).is_empty(),
        "the old revision's body"
    );

    fixtures::execute(
        &app,
        &format!(
            "UPDATE organizations SET name = 'Migrant Assistance Programme' WHERE id = {partner}"
        ),
    );
    index_is_exact("after renaming a partner");
    assert_eq!(
        found(&search(&app, "assistance programme").await),
        ["fishers-training"]
    );
    fixtures::execute(&app, "DELETE FROM attachments");
    index_is_exact("after removing an attachment");
    assert!(found(&search(&app, "handbook").await).is_empty());

    fixtures::unpublish(&app, id);
    index_is_exact("after unpublishing");
    assert!(found(&search(&app, "remittances").await).is_empty());
    assert!(found(&search_path(&app, "/search?year=2026").await).is_empty());

    fixtures::go_live(&app, id, second);
    fixtures::execute(&app, &format!("DELETE FROM activities WHERE id = {id}"));
    index_is_exact("after deleting");
}

/// Queries a visitor may type, on purpose or not: never an error.
const HOSTILE: &[&str] = &[
    "\"",
    "\"\"",
    "\"\"\"",
    "'",
    "''",
    "*",
    "**",
    "word*",
    "*word",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(",
    "NEAR(a b",
    "NEAR(migrant workers, 5)",
    "AND OR NOT",
    "migrant AND",
    "OR OR OR",
    "-",
    "--",
    "-migrant",
    "- migrant",
    "(",
    ")",
    "()",
    "((migrant))",
    "[migrant]",
    "{migrant}",
    "^",
    "^migrant",
    ":",
    "title:migrant",
    "title : migrant",
    "{title body}: migrant",
    "a",
    "ab",
    "é",
    "%",
    "_",
    "%_%",
    "\\",
    "\\\"",
    ";",
    "'; DROP TABLE activities; --",
    "\" OR 1=1 --",
    "<script>alert(1)</script>",
    "&amp; &lt;",
    "\u{0}",
    "migrant\u{0}workers",
    "\u{1b}[31m",
    "\t\n\r",
    "\u{7f}",
    "\u{e000}migrant\u{e001}",
    "\u{200b}",
    "🙂",
    "ก",
    "၁",
    "  ",
    "“migrant”",
    "«migrant»",
    "+",
    "col:",
    "NOT migrant",
    "\"unbalanced phrase",
    "a\"b\"c",
    "%%%%%%%%%%",
    "'''''",
    "\u{FEFF}",
    "\u{202E}migrant",
    "ﷺ",
    "\u{301}\u{301}\u{301}",
    "𝕞𝕚𝕘𝕣𝕒𝕟𝕥",
];

#[tokio::test]
async fn every_hostile_query_answers_200_and_wrapped_words_are_still_found() {
    let app = demo().await;
    assert!(HOSTILE.len() >= 50);
    let long = "migrant ".repeat(250);
    let control: String = (0u8..32).map(char::from).collect();
    let mut queries: Vec<String> = HOSTILE.iter().map(|q| q.to_string()).collect();
    queries.extend([long, control, "\"(*".repeat(700), "x".repeat(2000)]);
    for q in &queries {
        let page = search(app, q).await;
        let answered = !found(&page).is_empty() || !page.texts(".search-status").is_empty();
        let blank = q.trim().is_empty() || q.chars().all(|c| c.is_control() || c.is_whitespace());
        assert!(
            answered || blank,
            "{q:?} gave neither results nor a message"
        );
        assert!(!page.body.contains("<script>alert"), "{q:?} is escaped");
    }
    // Raw bytes that are not UTF-8 and broken escapes.
    for path in [
        "/search?q=%FF%FE",
        "/search?q=%E0%B8",
        "/search?q=%ZZ%",
        "/search?q&q=&=x",
        "/search?q=a&category=%00&year=-1&language=zz",
    ] {
        search_path(app, path).await;
    }

    for (word, slug) in [
        ("Battambang", Some("country-visit-cambodia-2016")),
        ("ประกันสังคม", Some("thailand-national-training-2015")),
        ("ကြွေးမြီ", Some("safe-migration-talk-hlaing-tharyar-2015")),
    ] {
        let plain = found(&search(app, word).await);
        assert!(!plain.is_empty(), "{word}");
        if let Some(slug) = slug {
            assert!(plain.contains(&slug.to_owned()));
        }
        for wrapped in [
            format!("\"{word}"),
            format!("{word}\""),
            format!("{word}*"),
            format!("({word}"),
            format!("{word})"),
            format!("{word} AND"),
            format!("AND {word}"),
            format!("NEAR({word}"),
            format!("+{word}"),
            format!("^{word}"),
            format!("{word} OR"),
            format!("\"{word}\""),
        ] {
            assert_eq!(found(&search(app, &wrapped).await), plain, "{wrapped}");
        }
    }
}

#[tokio::test]
async fn short_queries_have_a_defined_answer() {
    let app = demo().await;
    let one = search(app, "a").await;
    assert!(found(&one).is_empty());
    assert_eq!(
        one.texts(".search-status"),
        ["Type at least one word of two characters or more."]
    );
    // Two characters: a substring scan (คน, "person", is in several Thai bodies).
    let two = search(app, "คน").await;
    assert!(!found(&two).is_empty());
    let thai = count(
        app,
        "SELECT count(*) AS n FROM search_documents WHERE (title || ' ' || summary || ' ' || body \
          || ' ' || location || ' ' || organizations || ' ' || attachments) LIKE '%คน%'",
    );
    assert_eq!(found(&two).len() as i64, thai.min(10));
    let marks = two.texts(".search-result .snippet mark");
    assert!(
        !marks.is_empty() && marks.iter().all(|m| m.contains("คน")),
        "a short term is highlighted too: {marks:?}"
    );
    let mixed = search(app, "a Battambang").await;
    assert!(!found(&mixed).is_empty());
    assert_eq!(
        mixed.texts(".search-note"),
        ["Left out, too short to search for: a"]
    );
}

#[tokio::test]
async fn filters_narrow_the_results_and_pages_follow() {
    let app = demo().await;
    let all = search(app, "migra").await;
    let total = count(
        app,
        "SELECT count(*) AS n FROM search_index WHERE search_index MATCH '\"migra\"'",
    );
    assert!(total > 10, "{total}");
    assert_eq!(found(&all).len(), 10);
    assert_eq!(
        all.texts(".search-status"),
        [format!("{total} activities found.")]
    );
    let next = all.attrs("nav.pagination a[rel=next]", "href");
    assert_eq!(next, ["/search?q=migra&page=2"]);
    let second = search_path(app, &next[0]).await;
    assert!(
        found(&second).iter().all(|s| !found(&all).contains(s)),
        "page 2 is new"
    );

    for (filter, sql) in [
        ("language=th", "r.language = 'th'"),
        (
            "category=trainings",
            "EXISTS (SELECT 1 FROM revision_categories rc JOIN categories c ON c.id = rc.category_id WHERE rc.revision_id = r.id AND c.slug = 'trainings')",
        ),
        (
            "organization=mmn",
            "(o.slug = 'mmn' OR EXISTS (SELECT 1 FROM revision_partners rp JOIN organizations p ON p.id = rp.organization_id WHERE rp.revision_id = r.id AND p.slug = 'mmn'))",
        ),
        (
            "year=2016",
            "coalesce(strftime('%Y', r.event_start), strftime('%Y', a.published_at, '+7 hours')) = '2016'",
        ),
    ] {
        let page = search_path(app, &format!("/search?q=migra&{filter}")).await;
        let allowed: Vec<String> = rows(
            app,
            &format!(
                "SELECT a.slug AS a, '' AS b FROM activities a JOIN activity_revisions r ON r.id = a.live_revision_id \
                 JOIN organizations o ON o.id = a.organization_id WHERE {sql}"
            ),
        )
        .into_iter()
        .map(|r| r.0)
        .collect();
        let got = found(&page);
        assert!(!got.is_empty(), "{filter}");
        assert!(got.iter().all(|s| allowed.contains(s)), "{filter}: {got:?}");
        let (key, value) = filter.split_once('=').unwrap();
        assert_eq!(
            page.attrs(&format!("select[name={key}] option[selected]"), "value"),
            [value],
            "the form keeps the filter"
        );
    }
    // Filters alone browse, newest first.
    let browse = search_path(app, "/search?language=my").await;
    assert!(!found(&browse).is_empty());
    let unknown = search_path(app, "/search?q=migra&category=no-such").await;
    assert_eq!(
        found(&unknown),
        found(&all),
        "an unknown filter value is ignored"
    );
}

/// `count` published activities of `organization` in one transaction, slugs `{prefix}-1`…,
/// each mentioning `word` in its body; later numbers are added later (higher ids).
fn bulk_published(app: &TestApp, organization: i32, prefix: &str, count: usize, word: &str) {
    fixtures::execute(
        app,
        &format!(
            "BEGIN IMMEDIATE;
             WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count})
             INSERT INTO activities (slug, organization_id) SELECT '{prefix}-' || i, {organization} FROM n;
             INSERT INTO activity_revisions (activity_id, number, state, title, summary, body, body_html)
             SELECT id, 1, 'published', 'Report ' || id, 'Field notes.',
                    'Notes on {word} sightings, number ' || id || '.', '<p>Notes</p>'
               FROM activities WHERE slug LIKE '{prefix}-%';
             UPDATE activities
                SET current_revision_id = (SELECT r.id FROM activity_revisions r WHERE r.activity_id = activities.id),
                    live_revision_id = (SELECT r.id FROM activity_revisions r WHERE r.activity_id = activities.id),
                    published_at = datetime('2020-01-01', '+' || id || ' hours')
              WHERE slug LIKE '{prefix}-%';
             COMMIT;"
        ),
    );
}

#[tokio::test]
async fn a_search_ranks_its_most_recent_matches_says_so_and_pages_through_them() {
    let app = &TestApp::spawn().await;
    let org = fixtures::organization(app, "birders", "Birders Network");
    let cap = usize::try_from(CANDIDATES).unwrap();
    let extra = 15;
    bulk_published(app, org, "bulk", cap + extra, "zebrafinch");
    // A title match counts most, but only among the kept matches: the oldest one is
    // beyond the cap, the newest one comes first.
    fixtures::execute(
        app,
        &format!(
            "UPDATE activity_revisions SET title = 'Zebrafinch census' \
              WHERE activity_id IN (SELECT id FROM activities WHERE slug IN ('bulk-1', 'bulk-{}'))",
            cap + extra - 3
        ),
    );

    let first = search(app, "zebrafinch").await;
    assert_eq!(
        first.texts(".search-status"),
        [format!("More than {} activities found.", CANDIDATES)]
    );
    assert!(
        first
            .texts(".search-note")
            .iter()
            .any(|n| n.contains(&format!("the {CANDIDATES} most recently added matches"))),
        "{:?}",
        first.texts(".search-note")
    );
    assert_eq!(found(&first)[0], format!("bulk-{}", cap + extra - 3));

    let pages = cap.div_ceil(10);
    let mut seen = Vec::new();
    for n in 1..=pages {
        let page = search_path(app, &format!("/search?q=zebrafinch&page={n}")).await;
        let next = page.attrs("nav.pagination a[rel=next]", "href");
        assert_eq!(next.is_empty(), n == pages, "page {n} of {pages}");
        seen.extend(found(&page));
    }
    assert_eq!(seen.len(), cap, "every kept match is on some page");
    let mut distinct = seen.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), cap, "no match on two pages");
    for old in 1..=extra {
        assert!(
            !seen.contains(&format!("bulk-{old}")),
            "bulk-{old} is older than the kept matches"
        );
    }
    let beyond = app
        .get_page(&format!("/search?q=zebrafinch&page={}", pages + 1))
        .await;
    assert_eq!(beyond.status, StatusCode::NOT_FOUND);

    // Query syntax and hostile wrappers around a capped word still answer, capped too.
    for q in [
        "\"zebrafinch",
        "zebrafinch*",
        "(zebrafinch",
        "zebrafinch AND",
        "zebrafinch -zzzqqq",
    ] {
        let page = search(app, q).await;
        assert_eq!(found(&page), found(&first), "{q}");
        assert_eq!(
            page.texts(".search-status"),
            first.texts(".search-status"),
            "{q}"
        );
    }
    // Fewer matches than the cap are counted exactly.
    bulk_published(app, org, "few", 3, "kestrelwatch");
    let few = search(app, "kestrelwatch").await;
    assert_eq!(few.texts(".search-status"), ["3 activities found."]);
    assert!(few.texts(".search-note").is_empty());
}

#[tokio::test]
async fn a_search_makes_a_fixed_number_of_queries() {
    let app = &TestApp::spawn_with(|c| {
        c.demo = true;
        c.page_cache.enabled = false;
    })
    .await;
    let mut counts = Vec::new();
    for q in ["migra", "Battambang", "คน", "zzzqqq"] {
        let path = query_path(q);
        app.get(&path).await;
        counts.push(app.statements_for(&path).await);
    }
    // The matches, ranked as they are read, in one statement; finding something costs one
    // more (the page's rows, highlighted).
    let (found, nothing) = counts.split_at(3);
    assert!(
        found.iter().all(|&n| n == found[0] && n > 0 && n <= 6) && nothing[0] == found[0] - 1,
        "{counts:?}"
    );
}

#[tokio::test]
async fn search_pages_are_valid_html() {
    let Some(checker) = HtmlChecker::find("search_pages_are_valid_html") else {
        return;
    };
    let app = demo().await;
    let mut documents = Vec::new();
    for path in [
        "/search".to_owned(),
        query_path("migra"),
        "/search?q=migra&page=2".into(),
        query_path("ประกันสังคม"),
        query_path("ကြွေးမြီ"),
        query_path("a"),
        query_path("zzzqqq"),
        query_path("<script>\"'&"),
        "/search?q=migra&language=th&year=2016&category=trainings".into(),
    ] {
        documents.push((path.clone(), search_path(app, &path).await.body));
    }
    if let Err(messages) = checker.check_all(&documents) {
        panic!("search pages are not valid HTML:\n{messages}");
    }
}

/// A later migration that rebuilds a table (create, copy, drop, rename) silently drops the
/// triggers on it; this names what the index needs after every migration.
#[tokio::test]
async fn the_index_triggers_survive_every_migration() {
    let app = TestApp::spawn().await;
    let triggers = rows(
        &app,
        "SELECT name AS a, tbl_name AS b FROM sqlite_schema \
          WHERE type = 'trigger' AND name LIKE 'search_%' ORDER BY name",
    );
    let expected = [
        ("search_activity_delete", "activities"),
        ("search_activity_insert", "activities"),
        ("search_activity_update", "activities"),
        ("search_attachment_delete", "attachments"),
        ("search_attachment_insert", "attachments"),
        ("search_attachment_update", "attachments"),
        ("search_organization_rename", "organizations"),
        ("search_partner_delete", "revision_partners"),
        ("search_partner_insert", "revision_partners"),
        ("search_partner_update", "revision_partners"),
        ("search_revision_insert", "activity_revisions"),
        ("search_revision_update", "activity_revisions"),
    ]
    .map(|(a, b)| (a.to_owned(), b.to_owned()));
    assert_eq!(triggers, expected);
}

/// The admin's own code paths (approve, edit and approve again, unpublish, republish, the
/// scheduler) keep the index right without calling anything: the triggers do it.
#[tokio::test]
async fn publishing_through_the_admin_updates_the_index() {
    use crate::auth::{member, secretariat};
    use crate::browser::Browser;

    async fn act(browser: &mut Browser<'_>, path: &str, extra: &[(&str, &str)]) {
        let token = browser.csrf_token("/admin/account").await;
        let mut fields = vec![("csrf_token", token.as_str())];
        fields.extend_from_slice(extra);
        let response = browser.post(path, &fields, &[]).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
    }
    fn form(title: &'static str, body: &'static str) -> Vec<(&'static str, &'static str)> {
        vec![
            ("title", title),
            ("summary", "Children and volunteers met on the beach."),
            ("body", body),
            ("categories", "network-activities"),
            ("event_start", "2025-03-08"),
            ("location", "Ranong"),
            ("language", "en"),
        ]
    }
    async fn create(browser: &mut Browser<'_>, title: &'static str, body: &'static str) -> i32 {
        let token = browser.csrf_token("/admin/activities/new").await;
        let mut all = vec![("csrf_token", token.as_str())];
        all.extend(form(title, body));
        let response = browser.post("/admin/activities", &all, &[]).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        crate::helpers::created_activity_id(&response)
    }

    let app = TestApp::spawn().await;
    fixtures::execute(
        &app,
        "INSERT INTO categories (slug, name) VALUES ('network-activities', 'Network Activities')",
    );
    let mut member = member(&app).await;
    let mut admin = secretariat(&app).await;
    let id = create(
        &mut member,
        "Kite festival in Ranong",
        "Kites flew all afternoon.",
    )
    .await;
    act(&mut member, &format!("/admin/activities/{id}/submit"), &[]).await;
    assert!(
        found(&search(&app, "kite festival").await).is_empty(),
        "submitted, not public"
    );
    act(&mut admin, &format!("/admin/activities/{id}/approve"), &[]).await;
    let slug = found(&search(&app, "kite festival").await);
    assert_eq!(slug.len(), 1, "approved and found");

    act(
        &mut member,
        &format!("/admin/activities/{id}"),
        &form(
            "Kite festival in Ranong",
            "Lanterns followed the kites at dusk.",
        ),
    )
    .await;
    assert!(
        found(&search(&app, "lanterns").await).is_empty(),
        "an edit waits for approval"
    );
    act(&mut member, &format!("/admin/activities/{id}/submit"), &[]).await;
    act(&mut admin, &format!("/admin/activities/{id}/approve"), &[]).await;
    assert_eq!(
        found(&search(&app, "lanterns").await),
        slug,
        "the approved edit"
    );
    assert!(
        found(&search(&app, "afternoon").await).is_empty(),
        "the old text is gone"
    );

    act(
        &mut admin,
        &format!("/admin/activities/{id}/unpublish"),
        &[],
    )
    .await;
    assert!(
        found(&search(&app, "lanterns").await).is_empty(),
        "unpublished"
    );
    act(
        &mut admin,
        &format!("/admin/activities/{id}/republish"),
        &[],
    )
    .await;
    assert_eq!(found(&search(&app, "lanterns").await), slug, "republished");

    let later = create(
        &mut member,
        "Embargoed statement on boat crews",
        "Crews at sea.",
    )
    .await;
    act(
        &mut member,
        &format!("/admin/activities/{later}/submit"),
        &[],
    )
    .await;
    let at = chrono::Utc::now().naive_utc() + chrono::TimeDelta::seconds(2);
    let at = chrono::TimeZone::from_utc_datetime(&chrono_tz::Asia::Bangkok, &at)
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string();
    act(
        &mut admin,
        &format!("/admin/activities/{later}/approve"),
        &[("publish_at", &at)],
    )
    .await;
    assert!(
        found(&search(&app, "embargoed").await).is_empty(),
        "scheduled"
    );
    let mut waited = 0;
    while found(&search(&app, "embargoed").await).is_empty() {
        assert!(
            waited < 100,
            "the scheduler published it and the index followed"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        waited += 1;
    }
}
