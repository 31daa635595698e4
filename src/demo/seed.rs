//! `mmn-portal seed --activities N`: synthetic published activities for benchmarks and load
//! tests, spread over the existing categories, organizations, languages and years, sharing
//! the photos already stored (no image work, so 100 000 take a few minutes at most).
//!
//! The text is made from small word lists so that searches have something to find: a few
//! words appear in most activities, a few in about one in a thousand (see [`RARE_WORDS`]),
//! and Thai and Burmese bodies have no spaces between words, as real ones do.

use anyhow::{Context, bail};
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use crate::db::Db;
use crate::db::models::activities::{self as acts, NewPhoto, NewRevision};
use crate::db::schema::{activities, categories, organizations, photos};
use crate::markdown;

/// Activities written per transaction: large enough to amortise the commit, small enough
/// that readers of a running portal are never held up for long.
const BATCH: usize = 1_000;

const ENGLISH: &[&str] = &[
    "migrant",
    "workers",
    "network",
    "meeting",
    "rights",
    "border",
    "labour",
    "wages",
    "recruitment",
    "families",
    "community",
    "training",
    "research",
    "policy",
    "health",
    "domestic",
    "fishing",
    "factory",
    "documents",
    "visa",
    "return",
    "safe",
    "women",
    "children",
    "youth",
    "dialogue",
    "regional",
    "government",
    "employers",
    "union",
];
/// Each in about one activity in a thousand (the benchmark's "rare word").
pub const RARE_WORDS: &[&str] = &["Battambang", "Tachileik", "Savannakhet"];
const THAI: &[&str] = &[
    "แรงงาน",
    "ข้ามชาติ",
    "สิทธิ",
    "การประชุม",
    "เครือข่าย",
    "ชายแดน",
    "ค่าจ้าง",
    "ครอบครัว",
    "ชุมชน",
    "การฝึกอบรม",
    "นโยบาย",
    "สุขภาพ",
    "เอกสาร",
];
const BURMESE: &[&str] = &[
    "အလုပ်သမား",
    "ရွှေ့ပြောင်း",
    "အခွင့်အရေး",
    "အစည်းအဝေး",
    "ကွန်ရက်",
    "နယ်စပ်",
    "လုပ်ခ",
    "မိသားစု",
    "အသိုင်းအဝိုင်း",
    "သင်တန်း",
    "မူဝါဒ",
    "ကျန်းမာရေး",
];
const PLACES: &[&str] = &[
    "Mae Sot",
    "Chiang Mai",
    "Bangkok",
    "Ranong",
    "Phnom Penh",
    "Vientiane",
    "Yangon",
    "Hanoi",
    "Kunming",
    "Mawlamyine",
];

/// What [`add`] made.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Seeded {
    pub activities: usize,
    pub photos: usize,
}

/// Adds `count` published activities. Needs categories and organizations (the demo content
/// gives them); photos are shared from those already stored.
pub fn add(db: &Db, count: usize) -> anyhow::Result<Seeded> {
    let mut conn = db.read_conn()?;
    let category_ids: Vec<i32> = categories::table.select(categories::id).load(&mut *conn)?;
    let organization_ids: Vec<i32> = organizations::table
        .select(organizations::id)
        .load(&mut *conn)?;
    let image_ids: Vec<i32> = photos::table
        .select(photos::image_id)
        .distinct()
        .load(&mut *conn)?;
    let existing: i64 = activities::table.count().get_result(&mut *conn)?;
    drop(conn);
    if category_ids.is_empty() || organization_ids.is_empty() {
        bail!("seeding needs categories and organizations: start from the demo content");
    }
    let pools = Pools {
        categories: category_ids,
        organizations: organization_ids,
        images: image_ids,
    };
    let mut seeded = Seeded::default();
    let mut next = existing as u64;
    while seeded.activities < count {
        let batch = BATCH.min(count - seeded.activities);
        let first = next;
        let photos = db
            .write_now(|conn| {
                let mut photos = 0;
                for n in first..first + batch as u64 {
                    photos += insert_one(conn, &pools, n)?;
                }
                Ok(photos)
            })
            .context("writing seeded activities")?;
        next += batch as u64;
        seeded.activities += batch;
        seeded.photos += photos;
    }
    Ok(seeded)
}

struct Pools {
    categories: Vec<i32>,
    organizations: Vec<i32>,
    images: Vec<i32>,
}

/// Activity number `n`, the same text for the same `n` on every run.
fn insert_one(conn: &mut SqliteConnection, pools: &Pools, n: u64) -> QueryResult<usize> {
    let mut rng = SplitMix(n.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5EED);
    let language = match rng.below(10) {
        0..=5 => "en",
        6..=7 => "th",
        _ => "my",
    };
    let text = Text::new(&mut rng, language, n);
    let organization = *rng.pick(&pools.organizations);
    let published_at = published_at(&mut rng);
    let event_start = published_at.date() - TimeDelta::days(rng.below(20) as i64);
    let slug = format!("seeded-{n}-{language}");
    let activity_id = acts::insert_activity(conn, &slug, organization, None)?;
    let body_html = markdown::render(&text.body);
    let photos: Vec<i32> = if pools.images.is_empty() {
        Vec::new()
    } else {
        (0..rng.below(3))
            .map(|_| *rng.pick(&pools.images))
            .collect()
    };
    let location = *rng.pick(PLACES);
    let revision_id = acts::insert_revision(
        conn,
        &NewRevision {
            activity_id,
            number: 1,
            state: "published",
            title: &text.title,
            summary: &text.summary,
            body: &text.body,
            body_html: body_html.as_str(),
            event_start: Some(event_start),
            event_end: None,
            location,
            language,
            photo_consent: !photos.is_empty(),
            created_by: None,
            submitted_at: Some(published_at),
        },
    )?;
    let mut in_categories = vec![*rng.pick(&pools.categories)];
    let second = *rng.pick(&pools.categories);
    if rng.below(3) == 0 && second != in_categories[0] {
        in_categories.push(second);
    }
    acts::add_categories(conn, revision_id, &in_categories)?;
    for (position, image_id) in photos.iter().enumerate() {
        acts::add_photo(
            conn,
            &NewPhoto {
                revision_id,
                image_id: *image_id,
                position: position as i32,
                alt: "Participants of the meeting seated around a table",
                caption: "",
                original_name: "",
            },
        )?;
    }
    acts::set_live(conn, activity_id, revision_id, published_at)?;
    Ok(photos.len())
}

/// Between 2008 and today, a little more often in recent years.
fn published_at(rng: &mut SplitMix) -> NaiveDateTime {
    let start = NaiveDate::from_ymd_opt(2008, 1, 1).expect("valid date");
    let span_days = (chrono::Utc::now().date_naive() - start).num_days().max(1) as u64;
    let skewed = (rng.below(span_days).max(rng.below(span_days))) as i64;
    (start + TimeDelta::days(skewed))
        .and_hms_opt(rng.below(24) as u32, rng.below(60) as u32, 0)
        .expect("valid time")
}

struct Text {
    title: String,
    summary: String,
    body: String,
}

impl Text {
    fn new(rng: &mut SplitMix, language: &str, n: u64) -> Text {
        let (words, joiner): (&[&str], &str) = match language {
            "th" => (THAI, ""),
            "my" => (BURMESE, ""),
            _ => (ENGLISH, " "),
        };
        let mut phrase = |len: usize| {
            (0..len)
                .map(|_| *rng.pick(words))
                .collect::<Vec<_>>()
                .join(joiner)
        };
        let title = phrase(6);
        let summary = phrase(20);
        let mut paragraphs: Vec<String> = (0..4).map(|_| phrase(40)).collect();
        if language == "en" && n % 1000 == 7 {
            let rare = RARE_WORDS[(n / 1000) as usize % RARE_WORDS.len()];
            paragraphs[2].push_str(&format!(" Partners from {rare} joined."));
        }
        Text {
            title: capitalise(&title),
            summary,
            body: paragraphs.join("\n\n"),
        }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// SplitMix64: a seeded, repeatable sequence (the same `n` always gives the same activity).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}
