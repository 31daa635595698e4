//! `/activities/{slug}`: one published activity with everything around it.

use actix_web::web;
use askama::Template;
use askama_web::WebTemplate;

use serde_json::{Value, json};

use super::view::{Card, Image, media_url};
use crate::config::Site;
use crate::db::Db;
use crate::db::models::public::{self, ActivityCard, ActivityDetail, SharedFrom};
use crate::error::AppError;
use crate::markdown::SanitizedHtml;
use crate::media::documents::DocumentKind;
use crate::media::human_size;
use crate::sharing::{self, JsonLd, ShareImage, ShareMeta};
use crate::templates::{Alternate, Layout};

pub struct Link {
    pub url: String,
    pub title: String,
}

pub struct PhotoView {
    pub image: Image,
    pub caption: String,
}

pub struct AttachmentView {
    pub url: String,
    /// For the link's `type` hint.
    pub media_type: &'static str,
    pub title: String,
    pub language: String,
    pub lang: String,
    pub size: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "public/activity.html")]
pub struct ActivityPage {
    layout: Layout,
    card: Card,
    /// The language of the content, for `lang` on the article.
    content_lang: String,
    body: SanitizedHtml,
    categories: Vec<Link>,
    partners: Vec<Link>,
    photos: Vec<PhotoView>,
    attachments: Vec<AttachmentView>,
    /// The language the photos' alt texts and captions are written in: the original's,
    /// when this translation shows the original's photos.
    media_lang: String,
    /// "Shared with the English original", under photos or documents that are.
    photos_note: Option<String>,
    documents_note: Option<String>,
    /// "Also in: ไทย · English".
    also_in: Vec<Alternate>,
    press: Vec<Link>,
    previous: Option<Link>,
    next: Option<Link>,
    /// schema.org `Event` for search engines.
    json_ld: JsonLd,
}

pub async fn show_activity(
    layout: Layout,
    slug: web::Path<String>,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<ActivityPage, AppError> {
    let slug = slug.into_inner();
    let (detail, (previous, next)) = db
        .read(move |conn| {
            let detail = public::activity_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            let neighbours = match detail.categories.first() {
                Some(first) => public::neighbours(conn, first.id, &slug, detail.card.published_at)?,
                None => (None, None),
            };
            Ok((detail, neighbours))
        })
        .await?;
    let url = site
        .base_url
        .join(&format!("/activities/{}", detail.card.slug));
    let preview = detail.photos.first().and_then(|photo| {
        sharing::preview_image(&photo.variants, &photo.alt, |path| {
            site.base_url.join(&media_url(path))
        })
    });
    let json_ld = event_json_ld(
        &detail.card,
        &detail.partners,
        &url,
        preview.as_ref(),
        &site,
    );
    let share = ShareMeta::article(&detail.card.title, &detail.card.summary, url.clone())
        .with_image(preview);
    let alternates = alternates(&detail, &url, &site, &layout);
    let layout = layout
        .with_canonical(url)
        .with_share(share)
        .with_alternates(alternates);
    let to_link = |(slug, title): (String, String)| Link {
        url: format!("/activities/{slug}"),
        title,
    };
    let ActivityDetail {
        card,
        body_html,
        categories,
        partners,
        photos,
        attachments,
        links,
        translations: _,
        shared_from,
    } = detail;
    Ok(ActivityPage {
        card: Card::new(&card, &layout, site.timezone),
        content_lang: card.language.clone(),
        media_lang: shared_from
            .as_ref()
            .filter(|shared| shared.photos)
            .map_or_else(|| card.language.clone(), |shared| shared.language.clone()),
        photos_note: shared_note(shared_from.as_ref().filter(|s| s.photos), &layout),
        documents_note: shared_note(shared_from.as_ref().filter(|s| s.documents), &layout),
        also_in: layout
            .alternates
            .iter()
            .filter(|a| a.language != card.language)
            .map(|a| Alternate {
                language: a.language.clone(),
                name: a.name.clone(),
                url: a.url.clone(),
                path: a.path.clone(),
            })
            .collect(),
        body: SanitizedHtml::from_stored(body_html),
        categories: categories
            .into_iter()
            .map(|c| Link {
                url: format!("/category/{}", c.slug),
                title: c.name,
            })
            .collect(),
        partners: partners
            .into_iter()
            .map(|(slug, name)| Link {
                url: format!("/organizations/{slug}"),
                title: name,
            })
            .collect(),
        photos: photos
            .iter()
            .filter_map(|p| {
                Some(PhotoView {
                    image: Image::from_picture(p)?,
                    caption: p.caption.clone(),
                })
            })
            .collect(),
        attachments: attachments
            .into_iter()
            .map(|a| AttachmentView {
                url: media_url(&a.path),
                media_type: DocumentKind::from_file_name(&a.file_name)
                    .map_or("application/octet-stream", DocumentKind::media_type),
                title: a.title,
                language: layout.language_name(&a.language),
                lang: a.language,
                size: layout.t_with("attachment-size", "size", &human_size(a.byte_size)),
            })
            .collect(),
        press: links
            .into_iter()
            .map(|(url, title)| Link { url, title })
            .collect(),
        previous: previous.map(to_link),
        next: next.map(to_link),
        json_ld,
        layout,
    })
}

fn shared_note(shared: Option<&SharedFrom>, layout: &Layout) -> Option<String> {
    shared.map(|shared| {
        let language = layout.language_name(&shared.language);
        layout.t_with("shared-from-original", "language", &language)
    })
}

/// This activity and its published translations, each in its language, for `hreflang`.
/// Empty when it has none, as a page without alternates should not claim to be one.
fn alternates(detail: &ActivityDetail, url: &str, site: &Site, layout: &Layout) -> Vec<Alternate> {
    if detail.translations.is_empty() {
        return Vec::new();
    }
    let this = (
        detail.card.language.as_str(),
        detail.card.slug.as_str(),
        url.to_owned(),
    );
    std::iter::once(this)
        .chain(detail.translations.iter().map(|t| {
            let path = format!("/activities/{}", t.slug);
            (
                t.language.as_str(),
                t.slug.as_str(),
                site.base_url.join(&path),
            )
        }))
        .map(|(language, slug, url)| Alternate {
            language: language.to_owned(),
            name: layout.language_name(language),
            url,
            path: format!("/activities/{slug}"),
        })
        .collect()
}

/// The activity as a schema.org `Event`: what happened, when, where and who organized it.
fn event_json_ld(
    card: &ActivityCard,
    partners: &[(String, String)],
    url: &str,
    image: Option<&ShareImage>,
    site: &Site,
) -> JsonLd {
    let organization = |slug: &str, name: &str| {
        json!({
            "@type": "Organization",
            "name": name,
            "url": site.base_url.join(&format!("/organizations/{slug}")),
        })
    };
    let mut organizers = vec![organization(
        &card.organization_slug,
        &card.organization_name,
    )];
    organizers.extend(partners.iter().map(|(slug, name)| organization(slug, name)));
    let mut places: Vec<Value> = card
        .location
        .lines()
        .map(str::trim)
        .filter(|place| !place.is_empty())
        .map(|place| json!({ "@type": "Place", "name": place, "address": place }))
        .collect();
    let mut event = json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": card.title,
        "description": card.summary,
        "url": url,
        "inLanguage": card.language,
        "organizer": organizers,
    });
    if let Some(start) = card.event_start {
        event["startDate"] = json!(start.to_string());
    }
    if let Some(end) = card.event_end {
        event["endDate"] = json!(end.to_string());
    }
    match places.len() {
        0 => {}
        1 => event["location"] = places.remove(0),
        _ => event["location"] = Value::Array(places),
    }
    if let Some(image) = image {
        event["image"] = json!(image.url);
    }
    JsonLd::new(&event)
}
