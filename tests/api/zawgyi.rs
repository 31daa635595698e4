//! Burmese typed in Zawgyi at the activity form, over real HTTP: held back with a warning and
//! kept as typed, converted to Unicode for the member to check, or kept on the member's word.

use diesel::prelude::*;
use diesel::sql_types::Text;
use reqwest::StatusCode;

use crate::auth::member;
use crate::browser::Browser;
use crate::helpers::{Page, TestApp};
use crate::helpers_count;

/// "Migrant workers' rights training in Mae Sot", typed in Zawgyi, and in Unicode.
const TITLE_Z: &str = "ေရႊ႕ေျပာင္းအလုပ္သမားမ်ား အခြင့္အေရး သင္တန္း in Mae Sot";
const TITLE_U: &str = "ရွှေ့ပြောင်းအလုပ်သမားများ အခွင့်အရေး သင်တန်း in Mae Sot";
/// Mawlamyine.
const PLACE_Z: &str = "ေမာ္လၿမိဳင္";
const PLACE_U: &str = "မော်လမြိုင်";

/// Two lines of real government news in Zawgyi and its Unicode edition (tests/data/zawgyi).
fn body() -> (String, String) {
    let lines = |text: &'static str| -> String {
        let lines: Vec<&str> = text.lines().collect();
        format!("{}\r\n\r\n{}", lines[6], lines[7])
    };
    (
        lines(include_str!("../data/zawgyi/mmgov_zawgyi_src.txt")),
        lines(include_str!("../data/zawgyi/mmgov_unicode_out.txt")),
    )
}

fn form<'a>(token: &'a str, title: &'a str, body: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf_token", token),
        ("title", title),
        ("summary", "Flood relief camps were visited."),
        ("body", body),
        ("location", PLACE_Z),
        ("language", "my"),
    ]
}

#[derive(QueryableByName, Debug, PartialEq)]
struct Stored {
    #[diesel(sql_type = Text)]
    title: String,
    #[diesel(sql_type = Text)]
    body: String,
    #[diesel(sql_type = Text)]
    location: String,
}

fn stored(app: &TestApp, id: i32) -> Stored {
    diesel::sql_query(format!(
        "SELECT r.title, r.body, r.location FROM activities a \
         JOIN activity_revisions r ON r.id = a.current_revision_id WHERE a.id = {id}"
    ))
    .get_result(&mut *app.db.read_conn().unwrap())
    .unwrap()
}

async fn new_form_token(browser: &mut Browser<'_>) -> String {
    browser.csrf_token("/admin/activities/new").await
}

async fn page(response: reqwest::Response) -> Page {
    Page::from_response(response).await
}

/// The values of the text fields as the page gives them back.
fn values(page: &Page) -> (String, String, String) {
    let one = |v: Vec<String>| v.into_iter().next().expect("the field is there");
    (
        one(page.attrs("input#title", "value")),
        one(texts_raw(page, "textarea#body")),
        one(texts_raw(page, "textarea#location")),
    )
}

/// Text content exactly as sent (`Page::texts` collapses whitespace).
fn texts_raw(page: &Page, selector: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(selector).unwrap();
    page.html
        .select(&selector)
        .map(|e| e.text().collect())
        .collect()
}

#[tokio::test]
async fn zawgyi_is_held_back_with_a_warning_at_each_field_and_the_input_kept() {
    let app = TestApp::spawn().await;
    let mut member = member(&app).await;
    let (body_z, _) = body();
    let token = new_form_token(&mut member).await;
    let response = member
        .post("/admin/activities", &form(&token, TITLE_Z, &body_z), &[])
        .await;
    let page = page(response).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        helpers_count(&app, "SELECT count(*) AS n FROM activities"),
        0
    );
    assert_eq!(
        page.texts("#zawgyi-warning li").len(),
        3,
        "title, body, place"
    );
    for field in ["title", "body", "location"] {
        let note = page.texts(&format!("#{field}-zawgyi"));
        assert!(note[0].contains("Zawgyi"), "{field}: {note:?}");
        let described = page.attrs(&format!("#{field}"), "aria-describedby");
        assert!(
            described[0].contains(&format!("{field}-zawgyi")),
            "{described:?}"
        );
    }
    assert!(
        page.texts("#summary-zawgyi").is_empty(),
        "English is not questioned"
    );
    // As typed, line breaks and all (a textarea drops one leading newline only).
    assert_eq!(
        values(&page),
        (TITLE_Z.into(), body_z.replace("\r\n", "\n"), PLACE_Z.into())
    );
    let choices = page.attrs("#zawgyi-choice button[name=zawgyi]", "value");
    assert_eq!(choices, ["convert", "keep"]);
    // Enter in a field presses the form's first button: Save, which checks again.
    let selector = scraper::Selector::parse("form[action='/admin/activities'] button").unwrap();
    let first = page.html.select(&selector).next().unwrap();
    assert_eq!(first.value().attr("name"), None);
    assert_eq!(first.text().collect::<String>(), "Save");
}

#[tokio::test]
async fn unicode_burmese_is_saved_without_a_question() {
    let app = TestApp::spawn().await;
    let mut member = member(&app).await;
    let (_, body_u) = body();
    let token = new_form_token(&mut member).await;
    let mut fields = form(&token, TITLE_U, &body_u);
    fields[4] = ("location", PLACE_U);
    let response = member.post("/admin/activities", &fields, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let id = crate::helpers::created_activity_id(&response);
    let saved = stored(&app, id);
    assert_eq!(saved.title, TITLE_U);
    assert_eq!(saved.body, body_u.replace("\r\n", "\n"));
    let page = member.get(&format!("/admin/activities/{id}/edit")).await;
    let page = Page::from_response(page).await;
    assert!(
        page.texts("#zawgyi-warning, #zawgyi-choice, .field-error")
            .is_empty()
    );
}

#[tokio::test]
async fn convert_shows_the_unicode_text_to_check_and_saving_it_stores_it() {
    let app = TestApp::spawn().await;
    let mut member = member(&app).await;
    let (body_z, body_u) = body();
    let token = new_form_token(&mut member).await;
    let mut fields = form(&token, TITLE_Z, &body_z);
    fields.push(("zawgyi", "convert"));
    let page = page(member.post("/admin/activities", &fields, &[]).await).await;
    assert_eq!(page.status, StatusCode::OK, "shown to check, not saved");
    assert_eq!(
        helpers_count(&app, "SELECT count(*) AS n FROM activities"),
        0
    );
    assert_eq!(page.texts("#zawgyi-converted li").len(), 3);
    assert!(page.texts("#zawgyi-choice").is_empty());
    let (title, body, location) = values(&page);
    assert_eq!(
        (title.as_str(), body.as_str(), location.as_str()),
        (TITLE_U, body_u.replace("\r\n", "\n").as_str(), PLACE_U)
    );

    // The member reads it and saves the form as shown: nothing is questioned any more.
    let token = page.attrs("input[name=csrf_token]", "value")[0].clone();
    let mut again = form(&token, &title, &body);
    again[4] = ("location", &location);
    let response = member.post("/admin/activities", &again, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let id = crate::helpers::created_activity_id(&response);
    assert_eq!(
        stored(&app, id),
        Stored {
            title: TITLE_U.into(),
            body: body_u.replace("\r\n", "\n"),
            location: PLACE_U.into(),
        }
    );
}

#[tokio::test]
async fn keep_stores_the_text_as_typed_and_is_not_asked_again_for_it() {
    let app = TestApp::spawn().await;
    let mut member = member(&app).await;
    let (body_z, _) = body();
    let token = new_form_token(&mut member).await;
    let mut fields = form(&token, TITLE_Z, &body_z);
    fields.push(("zawgyi", "keep"));
    let response = member.post("/admin/activities", &fields, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let id = crate::helpers::created_activity_id(&response);
    let kept = Stored {
        title: TITLE_Z.into(),
        body: body_z.replace("\r\n", "\n"),
        location: PLACE_Z.into(),
    };
    assert_eq!(stored(&app, id), kept);

    // Saving again with the kept text unchanged is not questioned...
    let mut edit = form(&token, TITLE_Z, &body_z);
    edit[2] = ("summary", "Flood relief camps in Mon State were visited.");
    edit.push(("revision", "1"));
    let path = format!("/admin/activities/{id}");
    assert_eq!(
        member.post(&path, &edit, &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    // ... but new Zawgyi in an edit is, and nothing of the edit is written.
    let more = format!("{body_z}\r\n\r\n{PLACE_Z}");
    edit[3] = ("body", &more);
    let page = page(member.post(&path, &edit, &[]).await).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.attrs("#zawgyi-warning a[href='#body']", "href").len(),
        1
    );
    assert!(page.texts("#title-zawgyi").is_empty(), "kept before");
    assert_eq!(stored(&app, id), kept);

    // Another organization's activity (or none) is a 404 before any word about the input.
    let response = member.post("/admin/activities/9999", &edit, &[]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn converting_needs_the_csrf_token_like_any_save() {
    let app = TestApp::spawn().await;
    let mut member = member(&app).await;
    new_form_token(&mut member).await;
    let (body_z, _) = body();
    let mut fields = form("wrong-token", TITLE_Z, &body_z);
    fields.push(("zawgyi", "convert"));
    let response = member.post("/admin/activities", &fields, &[]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_warning_and_the_converted_form_are_valid_html() {
    let Some(checker) =
        crate::tools::HtmlChecker::find("the_warning_and_the_converted_form_are_valid_html")
    else {
        return;
    };
    let app = TestApp::spawn().await;
    let mut member = member(&app).await;
    let (body_z, body_u) = body();
    let token = new_form_token(&mut member).await;
    let mut documents = Vec::new();
    // A title both too long and in Zawgyi: an error and a warning describe one field.
    let long = [TITLE_Z; 8].join(" ");
    let mut fields = form(&token, &long, &body_z);
    fields.push(("event_start", "soon"));
    let response = member.post("/admin/activities", &fields, &[]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = response.text().await.unwrap();
    assert!(text.contains(r#"aria-describedby="title-error title-zawgyi""#));
    documents.push(("new, warned".to_owned(), text));
    fields[1] = ("title", TITLE_Z);
    fields.pop();
    fields.push(("zawgyi", "convert"));
    let response = member.post("/admin/activities", &fields, &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    documents.push(("new, converted".to_owned(), response.text().await.unwrap()));

    let mut fields = form(&token, TITLE_U, &body_u);
    fields[4] = ("location", PLACE_U);
    let response = member.post("/admin/activities", &fields, &[]).await;
    let id = crate::helpers::created_activity_id(&response);
    let edit = form(&token, TITLE_Z, &body_z);
    let response = member
        .post(&format!("/admin/activities/{id}"), &edit, &[])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    documents.push(("edit, warned".to_owned(), response.text().await.unwrap()));
    if let Err(messages) = checker.check_all(&documents) {
        panic!("the Zawgyi pages are not valid HTML:\n{messages}");
    }
}
