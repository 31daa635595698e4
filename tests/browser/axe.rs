//! axe-core (the npm package pinned in `tests/tools`), injected into the page over
//! WebDriver and run against the WCAG 2.0 and 2.1 A and AA rules.

use std::path::Path;

use serde_json::{Value, json};

use crate::browser::Browser;
use crate::tools::missing_tool;

/// The rules the portal promises: WCAG 2.1 AA, which includes 2.0's.
const TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

pub struct Axe {
    source: String,
}

impl Axe {
    /// axe-core's script, or `None` (after the skip line) where it is not installed.
    pub fn find(test: &str) -> Option<Axe> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/tools/node_modules/axe-core/axe.min.js");
        match std::fs::read_to_string(&path) {
            Ok(source) => Some(Axe { source }),
            Err(_) => {
                missing_tool(
                    test,
                    "axe-core (npm package)",
                    "npm ci --prefix tests/tools --ignore-scripts",
                );
                None
            }
        }
    }

    /// The violations on the page the browser shows now, one line per rule with the
    /// elements it names; empty when there are none.
    pub async fn violations(&self, browser: &Browser) -> Vec<String> {
        // Injected on every page: a navigation forgets it.
        browser.js(&self.source, vec![]).await;
        let result = browser
            .js_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
                   .then(r => done({violations: r.violations.map(v => ({
                       id: v.id, impact: v.impact, help: v.help,
                       nodes: v.nodes.map(n => n.target.join(' ') + ' ' + n.failureSummary.replace(/\\s+/g, ' '))
                   })), passes: r.passes.length}))
                   .catch(e => done({error: String(e)}));",
                vec![json!(TAGS)],
            )
            .await;
        if let Some(error) = result.get("error") {
            panic!("axe failed on {}: {error}", browser.path().await);
        }
        let passes = result["passes"].as_u64().unwrap_or(0);
        assert!(passes > 0, "axe ran no rule on {}", browser.path().await);
        result["violations"]
            .as_array()
            .expect("a list of violations")
            .iter()
            .map(describe)
            .collect()
    }
}

fn describe(v: &Value) -> String {
    let nodes: Vec<&str> = v["nodes"]
        .as_array()
        .map(|n| n.iter().filter_map(Value::as_str).take(5).collect())
        .unwrap_or_default();
    format!(
        "{} ({}): {}\n      {}",
        v["id"].as_str().unwrap_or("?"),
        v["impact"].as_str().unwrap_or("?"),
        v["help"].as_str().unwrap_or(""),
        nodes.join("\n      ")
    )
}
