//! What public templates receive: display-ready values, so templates only print.

use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

use crate::config::Site;
use crate::db::models::public::{ActivityCard, Picture, Variant};
use crate::error::AppError;
use crate::sharing::ShareMeta;
use crate::templates::Layout;

/// Activities on one page of a list.
pub const PER_PAGE: i64 = 10;

/// The layout of the public page at `path` (root-relative, with its query): its canonical
/// URL, and the title and description `describe` gives for link previews.
pub fn page_layout(
    layout: Layout,
    site: &Site,
    path: &str,
    describe: impl FnOnce(&Layout) -> (String, String),
) -> Layout {
    let url = site.base_url.join(path);
    let (title, description) = describe(&layout);
    let share = ShareMeta::website(&title, &description, url.clone());
    layout.with_canonical(url).with_share(share)
}

/// `base`, or `base?page=N` past the first page.
pub fn paged_path(base: &str, page: i64) -> String {
    if page > 1 {
        format!("{base}?page={page}")
    } else {
        base.to_owned()
    }
}

/// An activity in a list.
pub struct Card {
    pub url: String,
    pub title: String,
    pub summary: String,
    /// Set when the activity's language differs from the page's.
    pub lang: Option<String>,
    pub published: String,
    pub published_iso: String,
    pub event: String,
    pub location: String,
    pub organization_name: String,
    pub organization_url: String,
    pub thumbnail: Option<Image>,
}

/// A `<picture>`: the WebP sizes as a `<source>` (when the image has them), and an `<img>`
/// with every JPEG size in `srcset`.
pub struct Image {
    pub src: String,
    pub srcset: String,
    /// `srcset` of the WebP sizes; empty when there are none.
    pub webp_srcset: String,
    pub width: i32,
    pub height: i32,
    pub alt: String,
    /// The largest size, for "open the larger photo".
    pub largest: String,
}

impl Image {
    /// The image of `variants` (JPEG, smallest first), displayed from the smallest.
    pub fn from_variants(variants: &[Variant], alt: &str) -> Option<Image> {
        let first = variants.first()?;
        let last = variants.last()?;
        Some(Image {
            src: media_url(&first.path),
            srcset: srcset(variants),
            webp_srcset: String::new(),
            width: first.width,
            height: first.height,
            alt: alt.to_owned(),
            largest: media_url(&last.path),
        })
    }

    pub fn from_picture(picture: &Picture) -> Option<Image> {
        let mut image = Self::from_variants(&picture.variants, &picture.alt)?;
        image.webp_srcset = srcset(&picture.webp);
        Some(image)
    }
}

/// `url 400w, url 1000w, …`
fn srcset(variants: &[Variant]) -> String {
    variants
        .iter()
        .map(|v| format!("{} {}w", media_url(&v.path), v.width))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn media_url(path: &str) -> String {
    format!("/media/{path}")
}

impl Card {
    pub fn new(card: &ActivityCard, layout: &Layout, tz: Tz) -> Card {
        Card {
            url: format!("/activities/{}", card.slug),
            title: card.title.clone(),
            summary: card.summary.clone(),
            lang: (card.language != layout.lang()).then(|| card.language.clone()),
            published: layout.date(local_date(card.published_at, tz)),
            published_iso: local_date(card.published_at, tz)
                .format("%Y-%m-%d")
                .to_string(),
            event: layout.event_dates(card.event_start, card.event_end),
            location: card.location.lines().collect::<Vec<_>>().join("; "),
            organization_name: card.organization_name.clone(),
            organization_url: format!("/organizations/{}", card.organization_slug),
            thumbnail: card.thumbnail.as_ref().and_then(Image::from_picture),
        }
    }
}

/// The date in the site's time zone of a UTC timestamp.
pub fn local_date(at: NaiveDateTime, tz: Tz) -> NaiveDate {
    tz.from_utc_datetime(&at).date_naive()
}

/// Pages of a list.
pub struct Pagination {
    pub page: i64,
    pub pages: i64,
    pub newer: Option<String>,
    pub older: Option<String>,
    pub status: String,
}

impl Pagination {
    /// Page `page` of `total` items under `base` (a path without query). A page past the end
    /// is a 404, except page 1 of an empty list.
    pub fn new(page: i64, total: i64, base: &str, layout: &Layout) -> Result<Pagination, AppError> {
        Self::with_urls(page, total, layout, |n| {
            if n == 1 {
                base.to_owned()
            } else {
                format!("{base}?page={n}")
            }
        })
    }

    /// Like [`Pagination::new`], with `url` giving the address of page `n`.
    pub fn with_urls(
        page: i64,
        total: i64,
        layout: &Layout,
        url: impl Fn(i64) -> String,
    ) -> Result<Pagination, AppError> {
        let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
        if page > pages {
            return Err(AppError::NotFound);
        }
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("page", page);
        args.set("pages", pages);
        Ok(Pagination {
            page,
            pages,
            newer: (page > 1).then(|| url(page - 1)),
            older: (page < pages).then(|| url(page + 1)),
            status: layout
                .catalog
                .message_with("pagination-status", &args)
                .into_owned(),
        })
    }
}

/// The `page` query parameter: absent means 1; anything but a positive number is a 404.
pub fn page_number(query: &str) -> Result<i64, AppError> {
    let mut page = 1;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        if let Some(value) = pair.strip_prefix("page=") {
            page = value
                .parse::<i64>()
                .ok()
                .filter(|&n| (1..=1_000_000).contains(&n))
                .ok_or(AppError::NotFound)?;
        }
    }
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_positive_or_not_found() {
        assert_eq!(page_number("").unwrap(), 1);
        assert_eq!(page_number("page=3").unwrap(), 3);
        for bad in ["page=0", "page=-1", "page=x", "page=", "page=99999999999"] {
            assert!(page_number(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn pagination_links_and_bounds() {
        let layout = Layout::new("en");
        let p = Pagination::new(2, 36, "/category/x", &layout).unwrap();
        assert_eq!((p.page, p.pages), (2, 4));
        assert_eq!(p.newer.as_deref(), Some("/category/x"));
        assert_eq!(p.older.as_deref(), Some("/category/x?page=3"));
        assert_eq!(p.status, "Page 2 of 4");
        assert!(Pagination::new(5, 36, "/c", &layout).is_err());
        assert!(
            Pagination::new(1, 0, "/c", &layout).is_ok(),
            "an empty list has a first page"
        );
    }
}
