//! What no page may hold, read from the live DOM through WebDriver (after the parser, the
//! page's scripts and any mutation the browser makes): an element that runs script, loads
//! or embeds something or switches the parser's mode; an `on*`, `style`, `srcdoc` or
//! `formaction` attribute; a `javascript:`, `vbscript:` or `data:` URL; a form posting
//! elsewhere; a page whose landmarks are no longer the template's.

use serde_json::Value;

use crate::browser::Browser;

/// The walk, in the page: one line per problem. The templates hold none of these but for
/// an activity's JSON-LD block in `<head>`, the portal's own scripts from `/static/`
/// (loaded by address, with no text of their own) and the `<source>` of a `<picture>`.
const WALK: &str = r#"
const FORBIDDEN = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed',
  'applet', 'svg', 'math', 'style', 'base', 'template', 'noscript', 'plaintext', 'xmp',
  'isindex', 'marquee', 'video', 'audio', 'source', 'track', 'portal', 'meta', 'link']);
const URLS = new Set(['href', 'src', 'action', 'formaction', 'srcset', 'poster', 'data',
  'background', 'cite', 'ping', 'codebase', 'lowsrc', 'dynsrc', 'longdesc', 'manifest', 'icon']);
const problems = [];
const show = el => el.outerHTML.slice(0, 200);
const scriptUrl = u => /^(javascript|vbscript|livescript|data):/.test(
  u.replace(/[\s\u0000-\u001f]/g, '').toLowerCase());
for (const el of document.querySelectorAll('*')) {
  const name = el.localName.toLowerCase();
  if (name === 'script') {
    const jsonLd = el.type === 'application/ld+json' && el.parentElement === document.head;
    const src = el.getAttribute('src') || '';
    const own = src.startsWith('/static/') && el.textContent.trim() === '';
    if (!jsonLd && !own) problems.push('a <script>: ' + show(el));
  } else if (name === 'meta' || name === 'link') {
    if (el.parentElement !== document.head) problems.push('a <' + name + '> outside <head>: ' + show(el));
  } else if (name === 'source' && el.parentElement.localName === 'picture') {
    // A photo's other formats: its srcset is checked below like any URL.
  } else if (FORBIDDEN.has(name)) {
    problems.push('a <' + name + '>: ' + show(el));
  }
  if (name === 'form') {
    const action = el.getAttribute('action') || '';
    if (!action.startsWith('/') || action.startsWith('//') || action.includes('\\'))
      problems.push('a form posting elsewhere: ' + show(el));
  }
  for (const a of el.attributes) {
    const attr = a.name.toLowerCase();
    const local = attr.includes(':') ? attr.split(':').pop() : attr;
    if (attr.startsWith('on') || ['style', 'srcdoc', 'formaction', 'http-equiv'].includes(local))
      problems.push('a ' + attr + '= attribute: ' + show(el));
    if (URLS.has(local)) {
      const urls = (local === 'srcset' || local === 'ping') ? a.value.split(/[,\s]+/) : [a.value];
      if (urls.some(scriptUrl)) problems.push('a script URL in ' + attr + '=: ' + show(el));
    }
  }
}
const count = s => document.querySelectorAll(s).length;
for (const [s, n] of [['main', 1], ['main h1', 1], ['h1', 1], ['head > title', 1],
                      ['body > header.site-header', 1], ['body > footer.site-footer', 1]]) {
  if (count(s) !== n) problems.push(`the page's structure is broken: ${count(s)} × ${s}, expected ${n}`);
}
return problems;
"#;

/// The problems of the page the browser shows now, each naming the page.
pub async fn problems(browser: &Browser, place: &str) -> Vec<String> {
    let path = browser.path().await;
    // A payload that ran `alert()` leaves a dialog open, which also fails every command.
    if let Ok(text) = browser.client.get_alert_text().await {
        return vec![format!("{place} ({path}): an alert opened: {text}")];
    }
    let found = browser.js(WALK, vec![]).await;
    found
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(Value::as_str)
        .map(|p| format!("{place} ({path}): {p}"))
        .collect()
}
