//! A minimal browser for session tests: one cookie, kept by hand so that tests can copy it,
//! replay it, and see exactly when it changes.

use reqwest::{Response, StatusCode};
use scraper::{Html, Selector};

use crate::helpers::TestApp;

pub struct Browser<'a> {
    pub app: &'a TestApp,
    pub cookie: Option<String>,
    client: reqwest::Client,
}

impl<'a> Browser<'a> {
    pub fn new(app: &'a TestApp) -> Self {
        Browser {
            app,
            cookie: None,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
        }
    }

    fn keep_cookie(&mut self, response: &Response) {
        for value in response.headers().get_all("set-cookie") {
            let value = value.to_str().unwrap();
            let pair = value.split(';').next().unwrap().to_owned();
            if pair.ends_with('=') || value.contains("Max-Age=0") || value.contains("max-age=0") {
                self.cookie = None;
            } else {
                self.cookie = Some(pair);
            }
        }
    }

    pub async fn get(&mut self, path: &str) -> Response {
        self.get_with(path, &[]).await
    }

    /// GETs `path` with extra headers, e.g. `Accept-Language`.
    pub async fn get_with(&mut self, path: &str, extra_headers: &[(&str, &str)]) -> Response {
        let mut request = self.client.get(self.app.url(path));
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", cookie);
        }
        for (name, value) in extra_headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.unwrap();
        self.keep_cookie(&response);
        response
    }

    /// POSTs a form; `extra_headers` e.g. a foreign Origin.
    pub async fn post(
        &mut self,
        path: &str,
        form: &[(&str, &str)],
        extra_headers: &[(&str, &str)],
    ) -> Response {
        let mut request = self.client.post(self.app.url(path)).form(form);
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", cookie);
        }
        for (name, value) in extra_headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.unwrap();
        self.keep_cookie(&response);
        response
    }

    /// The hidden `csrf_token` of the page at `path`.
    pub async fn csrf_token(&mut self, path: &str) -> String {
        let response = self.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let html = Html::parse_document(&response.text().await.unwrap());
        let selector = Selector::parse("input[name=csrf_token]").unwrap();
        html.select(&selector)
            .next()
            .and_then(|e| e.value().attr("value"))
            .expect("a csrf_token field")
            .to_owned()
    }

    /// Logs in through the form; returns the response to the POST.
    pub async fn log_in(&mut self, email: &str, password: &str) -> Response {
        let token = self.csrf_token("/login").await;
        self.post(
            "/login",
            &[
                ("email", email),
                ("password", password),
                ("csrf_token", &token),
            ],
            &[],
        )
        .await
    }

    /// Logs in with a one-time password and replaces it with `new_password`.
    pub async fn log_in_and_set_password(
        &mut self,
        email: &str,
        one_time: &str,
        new_password: &str,
    ) {
        let response = self.log_in(email, one_time).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()["location"], "/admin/account");
        let token = self.csrf_token("/admin/account").await;
        let response = self
            .post(
                "/admin/account",
                &[
                    ("current_password", one_time),
                    ("new_password", new_password),
                    ("csrf_token", &token),
                ],
                &[],
            )
            .await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "password change accepted"
        );
    }
}

/// A password the strength check accepts.
pub const GOOD_PASSWORD: &str = "river-lantern-mekong-41-sparrow";
