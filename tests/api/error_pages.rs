use reqwest::StatusCode;

use crate::helpers::TestApp;
use crate::tools::HtmlChecker;

#[tokio::test]
async fn unknown_path_gets_the_templated_404_with_site_navigation() {
    let app = TestApp::spawn().await;
    let page = app.get_page("/no/such/page").await;

    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(
        page.headers["content-type"], "text/html; charset=utf-8",
        "the error is a page, not plain text"
    );
    assert_eq!(page.attrs("html", "lang"), ["en"]);
    assert_eq!(page.texts("h1"), ["Page not found"]);
    assert!(page.texts("title")[0].starts_with("Page not found"));
    let nav = page.attrs("header nav a", "href");
    for link in ["/", "/organizations", "/search"] {
        assert!(nav.iter().any(|h| h == link), "nav lacks {link}: {nav:?}");
    }
    assert_eq!(
        page.attrs("footer a[href='#top']", "href").len(),
        1,
        "Back to top"
    );
    assert_eq!(page.texts("footer a[href='#top']"), ["Back to top"]);
    assert_eq!(
        page.attrs("body", "id"),
        ["top"],
        "the Back to top link has a target"
    );
}

#[tokio::test]
async fn the_404_page_is_valid_html() {
    let Some(checker) = HtmlChecker::find("the_404_page_is_valid_html") else {
        return;
    };
    let app = TestApp::spawn().await;
    let page = app.get_page("/missing").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    if let Err(messages) = checker.check(&page.body) {
        panic!("the 404 page is not valid HTML:\n{messages}");
    }
    // The checker really catches faults, so a pass above means something.
    let broken = page
        .body
        .replace("<main id=\"main\"", "<main id=\"main\" id=\"twice\"");
    assert!(
        checker.check(&broken).is_err(),
        "a duplicate attribute must be reported"
    );
}

#[tokio::test]
async fn a_wrong_method_gets_a_templated_405_that_keeps_allow() {
    let app = TestApp::spawn().await;
    let response = app.client.post(app.url("/healthz")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    let page = crate::helpers::Page::from_response(response).await;
    assert_eq!(page.headers["content-type"], "text/html; charset=utf-8");
    assert_eq!(page.headers["allow"], "GET, HEAD");
    assert_eq!(page.texts("h1"), ["Not allowed here"]);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    for path in ["/healthz", "/nowhere"] {
        let response = app.get(path).await;
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(
            headers["referrer-policy"], "strict-origin-when-cross-origin",
            "{path}"
        );
        assert_eq!(
            headers["x-request-id"].len(),
            36,
            "{path}: a UUID names the request"
        );
    }
}

#[tokio::test]
async fn the_stylesheet_is_fingerprinted_cached_for_a_year_and_compressed() {
    let app = TestApp::spawn().await;
    let page = app.get_page("/missing").await;
    let href = &page.attrs("link[rel=stylesheet]", "href")[0];
    assert!(
        href.starts_with("/static/site.")
            && href.ends_with(".css")
            && href.len() > "/static/site..css".len() + 8,
        "{href}"
    );
    let response = app
        .client
        .get(app.url(href))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/css; charset=utf-8"
    );
    assert_eq!(
        response.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(response.headers()["content-encoding"], "gzip");

    let stale = app.get("/static/site.0000000000.css").await;
    assert_eq!(
        stale.status(),
        StatusCode::NOT_FOUND,
        "an unknown fingerprint is not served"
    );
}

/// An error page speaks the visitor's language, whichever part of the portal refused:
/// the router (no such path), a handler (no such activity) or the CSRF guard before any
/// handler ran.
#[tokio::test]
async fn error_pages_follow_the_interface_language() {
    use mmn_portal::templates::Layout;

    let app = TestApp::spawn().await;
    let page = |path: &'static str, header: (&'static str, &'static str)| {
        let request = app.client.get(app.url(path)).header(header.0, header.1);
        async move { crate::helpers::Page::from_response(request.send().await.unwrap()).await }
    };
    for (path, header, lang) in [
        ("/no/such/page", ("accept-language", "th"), "th"),
        (
            "/activities/no-such-report",
            ("accept-language", "th,en;q=0.5"),
            "th",
        ),
        ("/no/such/page", ("cookie", "lang=my"), "my"),
        ("/activities/no-such-report", ("cookie", "lang=my"), "my"),
        (
            "/activities/no-such-report",
            ("accept-language", "fr"),
            "en",
        ),
    ] {
        let page = page(path, header).await;
        let layout = Layout::new(lang);
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path} {header:?}");
        assert_eq!(page.attrs("html", "lang"), [lang], "{path} {header:?}");
        assert_eq!(page.texts("h1"), [layout.t("error-404-title")], "{path}");
        let vary = page.headers["vary"].to_str().unwrap().to_owned();
        assert!(
            vary.contains("accept-language") && vary.contains("cookie"),
            "{vary}"
        );
    }

    // Refused by the CSRF guard, its explanation included.
    let response = app
        .client
        .post(app.url("/login"))
        .header("accept-language", "th")
        .form(&[("email", "a@example.org"), ("password", "x")])
        .send()
        .await
        .unwrap();
    let page = crate::helpers::Page::from_response(response).await;
    let thai = Layout::new("th");
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(page.attrs("html", "lang"), ["th"]);
    assert_eq!(page.texts("h1"), [thai.t("error-403-title")]);
    assert_eq!(page.texts(".error-detail"), [thai.t("error-csrf-token")]);
    assert_ne!(
        thai.t("error-csrf-token"),
        Layout::new("en").t("error-csrf-token")
    );
}
