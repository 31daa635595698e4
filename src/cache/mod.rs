//! The page cache: public pages rendered once and served from memory until public content
//! changes, keyed by path, query and interface language.
//!
//! Invalidation is by generation ([`crate::db::changes`]): every change to what visitors see
//! bumps it, and an entry rendered under an older generation is never served again. Each
//! entry is stored with its gzip and brotli forms, its ETag and its Last-Modified, so a hit
//! costs a lookup and a copy of a reference-counted buffer.

mod memo;
mod middleware;
mod page;

use std::sync::Arc;

use quick_cache::Weighter;
use quick_cache::sync::Cache;

use crate::db::changes::ContentVersion;
pub use memo::Memo;
pub use middleware::page_cache;
use page::CachedPage;

/// How the page cache is configured.
#[derive(Debug, Clone, Copy)]
pub struct PageCacheOptions {
    /// Off measures the database path (the benchmark's `--no-page-cache`); pages still get
    /// an ETag and 304 answers.
    pub enabled: bool,
    /// Memory for cached pages, in bytes (all stored encodings counted).
    pub capacity: u64,
}

impl Default for PageCacheOptions {
    fn default() -> Self {
        PageCacheOptions {
            enabled: true,
            capacity: 32 * 1024 * 1024,
        }
    }
}

/// Public pages already rendered.
pub struct PageCache {
    pages: Option<Cache<String, Arc<CachedPage>, ByBytes>>,
    content: Arc<ContentVersion>,
    /// Larger pages (a huge sitemap) are served but not kept.
    largest_entry: u64,
}

#[derive(Clone)]
struct ByBytes;

impl Weighter<String, Arc<CachedPage>> for ByBytes {
    fn weight(&self, key: &String, page: &Arc<CachedPage>) -> u64 {
        (key.len() + page.byte_size()) as u64
    }
}

impl PageCache {
    pub fn new(options: PageCacheOptions, content: Arc<ContentVersion>) -> Self {
        // An estimate of the entry count sizes the table; pages are 5–40 KB with encodings.
        let estimated_items = (options.capacity / 16_384).max(16) as usize;
        PageCache {
            pages: options
                .enabled
                .then(|| Cache::with_weighter(estimated_items, options.capacity, ByBytes)),
            content,
            largest_entry: options.capacity / 8,
        }
    }

    /// The generation to read before rendering: a page is stored under it.
    fn generation(&self) -> u64 {
        self.content.generation()
    }

    /// The page under `key`, if it was rendered since the last change.
    fn get(&self, key: &str) -> Option<Arc<CachedPage>> {
        let page = self.pages.as_ref()?.get(key)?;
        (page.generation() == self.generation()).then_some(page)
    }

    /// Whether a page of `bytes` is likely to be kept (compressed forms add to its size).
    fn would_keep(&self, bytes: usize) -> bool {
        self.pages.is_some() && (bytes as u64) < self.largest_entry
    }

    fn insert(&self, key: String, page: Arc<CachedPage>) {
        if let Some(pages) = &self.pages
            && (page.byte_size() as u64) <= self.largest_entry
        {
            pages.insert(key, page);
        }
    }
}
