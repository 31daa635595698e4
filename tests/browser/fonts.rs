//! The web fonts (issue 10): a phone without fonts for Burmese, Thai, Khmer and Lao fetches
//! the portal's subset for a script only on a page that shows that script, and an English
//! page fetches no font at all, language switch included. What Chromium fetched is read from
//! the Resource Timing API once `document.fonts.ready` has settled.
//!
//! The machine that runs the tests has Padauk (CI installs it), which the font stack names
//! before the web fonts, so there Chromium fetches nothing for Burmese: that is what a reader
//! with a Burmese font gets, and it is checked too. The phone without the fonts is Chromium
//! given a fontconfig of its own (`FONTCONFIG_FILE`) that holds every font of this machine
//! except those covering any of the four scripts.

use std::path::{Path, PathBuf};
use std::process::Command;

use mmn_portal::assets::Assets;
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::browser::{Browser, PHONE};
use crate::chromium::Chromium;
use crate::portal::Portal;
use crate::tools::missing_tool;

/// Demo reports in Burmese and in Thai, and English pages, that show no text in the
/// region's other scripts: no translation links, and neighbours (the previous and next
/// reports, whose titles an activity page shows) in English or the same script. Each test
/// checks this first, so that a change of the demo content is told from a fault of the fonts.
const BURMESE: &str = "/activities/returnee-dialogue-mawlamyine-2017";
const THAI: &str = "/activities/imd-2019-phang-nga";
const ENGLISH: &[&str] = &["/pages/about", "/activities/imd-2015-mae-sot"];

/// fontconfig's names of the languages whose scripts the web fonts cover.
const SCRIPTS: &[&str] = &["my", "th", "km", "lo"];

#[tokio::test]
async fn an_english_page_fetches_no_font() {
    const TEST: &str = "fonts::an_english_page_fetches_no_font";
    let Some((chromium, phone)) = find(TEST) else {
        return;
    };
    let portal = Portal::start().await;
    let browser = phone.open(&chromium, &portal, "fonts-english").await;
    for &page in ENGLISH {
        browser.goto(page).await;
        assert_eq!(scripts_shown(&browser).await, json!({}), "{page}");
        assert_eq!(
            fonts_fetched(&browser).await,
            Vec::<String>::new(),
            "{page} shows no Burmese, Thai, Khmer or Lao text, so it fetches no font"
        );
    }
    browser.shot("activity").await;

    // The measurement sees a font as soon as the page shows the script: the language
    // switch's names where the page has the switch (closed, it lays them out not at all),
    // else a Thai word added to the page.
    let opened = browser
        .js(
            "const thai = /[\\u0E01-\\u0E5B]/;
             const closed = [...document.querySelectorAll('details:not([open])')]
               .find(d => thai.test(d.textContent));
             if (closed) { closed.open = true; return true; }
             const p = document.createElement('p');
             p.lang = 'th';
             p.textContent = 'ภาษาไทย';
             document.querySelector('main').append(p);
             return false;",
            vec![],
        )
        .await;
    let fetched = fonts_fetched(&browser).await;
    assert!(
        fetched.contains(&Assets::get().url("fonts/NotoSansThai-Regular.woff2")),
        "Thai text on the page ({}) fetches the Thai subset: {fetched:?}",
        if opened == json!(true) {
            "the opened language switch"
        } else {
            "a word added"
        }
    );
    browser.shot("thai-shown").await;
    browser.close().await;
}

#[tokio::test]
async fn a_burmese_page_fetches_only_the_myanmar_subset() {
    const TEST: &str = "fonts::a_burmese_page_fetches_only_the_myanmar_subset";
    let Some((chromium, phone)) = find(TEST) else {
        return;
    };
    let portal = Portal::start().await;
    let browser = phone.open(&chromium, &portal, "fonts-myanmar-subset").await;
    browser.goto(BURMESE).await;
    assert_only_subset_of(&browser, "my", "Myanmar", "က").await;
    browser.shot("activity").await;
    browser.close().await;

    // A reader whose phone has a Burmese font that the stack names fetches nothing.
    if has_family("Padauk") {
        let browser = chromium
            .open(&portal.base, "fonts-myanmar-local", PHONE)
            .await;
        browser.goto(BURMESE).await;
        assert_eq!(
            fonts_fetched(&browser).await,
            Vec::<String>::new(),
            "with Padauk installed, {BURMESE} fetches no font"
        );
        browser.shot("activity").await;
        browser.close().await;
    } else {
        eprintln!("{TEST}: Padauk is not installed; the page with a local font is not checked");
    }
}

#[tokio::test]
async fn a_thai_page_fetches_only_the_thai_subset() {
    const TEST: &str = "fonts::a_thai_page_fetches_only_the_thai_subset";
    let Some((chromium, phone)) = find(TEST) else {
        return;
    };
    let portal = Portal::start().await;
    let browser = phone.open(&chromium, &portal, "fonts-thai-subset").await;
    browser.goto(THAI).await;
    assert_only_subset_of(&browser, "th", "Thai", "ก").await;
    browser.shot("activity").await;
    browser.close().await;
}

/// The page shows text in the script of `lang` and in no other of the four; it fetched the
/// Regular subset of `script` (and maybe its Bold), under their fingerprinted URLs, nothing
/// else; and it lays out `sample` in that web font.
async fn assert_only_subset_of(browser: &Browser, lang: &str, script: &str, sample: &str) {
    let path = browser.path().await;
    let shown = scripts_shown(browser).await;
    let Value::Object(shown) = shown else {
        unreachable!("an object")
    };
    assert_eq!(
        shown.keys().collect::<Vec<_>>(),
        [lang],
        "{path} shows text in {lang} only: {shown:?}"
    );
    let fetched = fonts_fetched(browser).await;
    let regular = Assets::get().url(&format!("fonts/NotoSans{script}-Regular.woff2"));
    let bold = Assets::get().url(&format!("fonts/NotoSans{script}-Bold.woff2"));
    assert!(
        fetched.contains(&regular),
        "{path} fetches {regular}: {fetched:?}"
    );
    assert!(
        fetched.iter().all(|f| *f == regular || *f == bold),
        "{path} fetches the {script} subset and no other font: {fetched:?}"
    );
    let used = browser
        .js(
            "return document.fonts.check('16px \"' + arguments[0] + '\"', arguments[1]);",
            vec![json!(format!("MMN {script}")), json!(sample)],
        )
        .await;
    assert_eq!(used, json!(true), "MMN {script} is loaded for {sample}");
}

/// Which of the four scripts the page shows, each with a few of its texts: text nodes in
/// elements that are rendered (not in a closed `<details>`, not `hidden`).
async fn scripts_shown(browser: &Browser) -> Value {
    browser
        .js(
            "const scripts = {
               my: /[\\u1000-\\u109F\\uA9E0-\\uA9FF\\uAA60-\\uAA7F]/, th: /[\\u0E01-\\u0E5B]/,
               km: /[\\u1780-\\u17FF\\u19E0-\\u19FF]/, lo: /[\\u0E80-\\u0EFF]/,
             };
             const shown = {};
             const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
             for (let node; (node = walker.nextNode());) {
               if (!node.parentElement.checkVisibility()) continue;
               for (const [lang, re] of Object.entries(scripts)) {
                 if (re.test(node.data)) {
                   (shown[lang] ||= []).length < 3 && shown[lang].push(node.data.trim().slice(0, 60));
                 }
               }
             }
             return shown;",
            vec![],
        )
        .await
}

/// The paths of the font files the page has fetched, once the fonts it lays out are ready.
async fn fonts_fetched(browser: &Browser) -> Vec<String> {
    // Two frames let the layout of a change start any font load before `ready` is read.
    let out = browser
        .js_async(
            "const done = arguments[arguments.length - 1];
             const frame = () => new Promise(r => requestAnimationFrame(() => r()));
             document.fonts.ready.then(frame).then(frame).then(() => document.fonts.ready)
               .then(() => done(performance.getEntriesByType('resource')
                 .map(e => new URL(e.name).pathname)
                 .filter(p => /\\.(woff2?|ttf|otf)$/.test(p))));",
            vec![],
        )
        .await;
    let Value::Array(paths) = out else {
        panic!("a list of fetched fonts: {out}")
    };
    let mut paths: Vec<String> = paths
        .iter()
        .map(|p| p.as_str().expect("a path").to_owned())
        .collect();
    paths.sort();
    paths
}

/// Chromium, and the fonts of a phone that has none for the region's scripts.
fn find(test: &str) -> Option<(Chromium, Phone)> {
    let chromium = Chromium::find(test)?;
    if Command::new("fc-list").arg("--version").output().is_err() {
        missing_tool(test, "fontconfig's fc-list", "apt-get install fontconfig");
        return None;
    }
    Some((chromium, Phone::without_the_fonts()))
}

/// A fontconfig setup that sees this machine's fonts less those covering Burmese, Thai,
/// Khmer or Lao, as links in a directory of its own.
struct Phone {
    dir: TempDir,
}

impl Phone {
    fn without_the_fonts() -> Phone {
        let dir = tempfile::tempdir().expect("temp dir");
        let fonts = dir.path().join("fonts");
        std::fs::create_dir(&fonts).expect("fonts dir");
        let covering: Vec<PathBuf> = SCRIPTS
            .iter()
            .flat_map(|lang| font_files(&format!(":lang={lang}"), None))
            .collect();
        let kept: Vec<PathBuf> = font_files(":", None)
            .into_iter()
            .filter(|f| !covering.contains(f))
            .collect();
        assert!(!kept.is_empty(), "some fonts for Latin text: {covering:?}");
        for (i, file) in kept.iter().enumerate() {
            let name = file.file_name().expect("a file name").to_string_lossy();
            std::os::unix::fs::symlink(file, fonts.join(format!("{i:03}-{name}")))
                .expect("font linked");
        }
        // The system's rules for generic names (sans-serif…), but none of its font dirs.
        let config = format!(
            r#"<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>{}</dir>
  <cachedir>{}</cachedir>
  <include ignore_missing="yes">/etc/fonts/conf.d</include>
</fontconfig>
"#,
            fonts.display(),
            dir.path().join("cache").display()
        );
        std::fs::write(dir.path().join("fonts.conf"), config).expect("fonts.conf written");
        let phone = Phone { dir };
        for lang in SCRIPTS {
            let found = font_files(&format!(":lang={lang}"), Some(&phone.config()));
            assert!(
                found.is_empty(),
                "the phone has no font for {lang}, yet fontconfig finds {found:?}"
            );
        }
        phone
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("fonts.conf")
    }

    async fn open(&self, chromium: &Chromium, portal: &Portal, journey: &'static str) -> Browser {
        let config = self.config();
        chromium
            .open_with_env(
                &portal.base,
                journey,
                PHONE,
                &[("FONTCONFIG_FILE", config.as_os_str())],
            )
            .await
    }
}

/// The files of the fonts matching the fontconfig `pattern`, under `config` (or the
/// system's setup).
fn font_files(pattern: &str, config: Option<&Path>) -> Vec<PathBuf> {
    let mut command = Command::new("fc-list");
    command.args(["--format", "%{file}\\n", pattern]);
    if let Some(config) = config {
        command.env("FONTCONFIG_FILE", config);
    }
    let out = command.output().expect("fc-list runs");
    assert!(out.status.success(), "fc-list {pattern} fails");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| std::fs::canonicalize(l).unwrap_or_else(|_| PathBuf::from(l)))
        .collect()
}

/// Whether a font family of that name is installed.
fn has_family(family: &str) -> bool {
    !font_files(&format!(":family={family}"), None).is_empty()
}
