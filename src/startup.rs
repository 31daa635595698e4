//! Builds the application: data directory, database, accounts, middleware, routes, listener.

use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use actix_session::SessionMiddleware;
use actix_session::config::{BrowserSession, CookieContentSecurity};
use actix_web::cookie::{Key, SameSite};
use actix_web::dev::Server;
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use tracing_actix_web::TracingLogger;

use crate::accounts::{OneTimeCredentials, ensure_secretariat};
use crate::auth::session_store::SqliteSessionStore;
use crate::cache::{Memo, PageCache};
use crate::config::{BaseUrl, Config, Site};
use crate::data_dir::DataDir;
use crate::db::Db;
use crate::db::models::public::PublicMonths;
use crate::db::models::public::search::FilterOptions;
use crate::media::store::MediaStore;
use crate::notify::Mailer;
use crate::{activities, demo, middleware, routes};

/// In-flight requests get this long to finish after SIGTERM or Ctrl-C.
const SHUTDOWN_GRACE_SECS: u64 = 30;

/// A built portal, bound to its port but not yet serving.
pub struct Application {
    server: Server,
    port: u16,
    site: Site,
    db: Db,
    credentials: Option<OneTimeCredentials>,
    scheduler_stop: Arc<AtomicBool>,
}

impl Application {
    /// Prepares the data directory and database and binds the listener. Must be called
    /// inside a Tokio runtime; serving starts with [`Application::run_until_stopped`].
    pub fn build(config: Config) -> anyhow::Result<Self> {
        let data_dir = DataDir::new(&config.data_dir);
        data_dir.create()?;
        let removed = data_dir.empty_tmp()?;
        if removed > 0 {
            tracing::info!(removed, "removed unfinished uploads from tmp/");
        }
        // Read (or made) now so that a broken key stops the start, not the first login.
        let session_key = data_dir.session_key()?;

        let (db, created) = Db::open(&data_dir.database(), &config.db)?;
        let media = MediaStore::new(data_dir.media());
        if created {
            tracing::info!(path = %data_dir.database().display(), "created a new database");
            if config.demo {
                let summary = demo::fill(&db, &media, config.timezone)?;
                tracing::warn!(
                    ?summary,
                    "FILLED THE NEW DATABASE WITH DEMO CONTENT: start with --no-demo for a real site"
                );
            }
        }
        let credentials = ensure_secretariat(&db, &config.admin_email)?;
        let removed = remove_expired_sessions(&db, config.sessions)?;
        if removed > 0 {
            tracing::info!(removed, "removed expired sessions");
        }

        let listener = TcpListener::bind(&config.bind)
            .with_context(|| format!("cannot listen on {}", config.bind))?;
        let address = listener.local_addr()?;
        let site = Site {
            base_url: config
                .base_url
                .clone()
                .unwrap_or_else(|| BaseUrl::for_address(address)),
            timezone: config.timezone,
            trusted_proxy: config.trusted_proxy,
            throttle: config.throttle,
            sessions: config.sessions,
            limits: config.limits,
        };
        let sessions = SqliteSessionStore::new(db.clone(), config.sessions);
        let scheduler_stop = Arc::new(AtomicBool::new(false));
        let mailer = Mailer::start(config.smtp.clone())?;
        activities::scheduler::spawn(
            db.clone(),
            mailer.clone(),
            site.clone(),
            Arc::clone(&scheduler_stop),
        )?;
        // Never at start-up: their first runs are one period after the start.
        crate::search::maintenance::spawn(db.clone(), Arc::clone(&scheduler_stop))?;
        crate::media::cleanup::spawn(
            db.clone(),
            media.clone(),
            config.media_cleanup,
            Arc::clone(&scheduler_stop),
        )?;
        let pages = PageCache::new(config.page_cache, Arc::clone(db.content()));
        let server = serve(
            listener,
            Shared {
                db: db.clone(),
                media,
                site: site.clone(),
                mailer,
                pages,
            },
            sessions,
            Key::from(&session_key),
        )?;
        tracing::info!(address = %address, base_url = %site.base_url, "listening");
        Ok(Application {
            server,
            port: address.port(),
            site,
            db,
            credentials,
            scheduler_stop,
        })
    }

    /// The port actually bound (useful with port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// The secretariat account created at this start, if one was.
    pub fn one_time_credentials(&self) -> Option<&OneTimeCredentials> {
        self.credentials.as_ref()
    }

    /// A handle that stops the server gracefully.
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    /// Serves until SIGTERM or Ctrl-C, then lets in-flight requests finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let result = self.server.await;
        self.scheduler_stop.store(true, Ordering::Relaxed);
        result
    }
}

/// What every handler may ask for.
struct Shared {
    db: Db,
    media: MediaStore,
    site: Site,
    mailer: Mailer,
    pages: PageCache,
}

fn serve(
    listener: TcpListener,
    shared: Shared,
    sessions: SqliteSessionStore,
    key: Key,
) -> anyhow::Result<Server> {
    let secure = shared.site.base_url.is_https();
    let db = web::Data::new(shared.db);
    let media = web::Data::new(shared.media);
    let site = web::Data::new(shared.site);
    let mailer = web::Data::new(shared.mailer);
    let facets = web::Data::new(Memo::<FilterOptions>::new(Arc::clone(db.content())));
    let months = web::Data::new(Memo::<PublicMonths>::new(Arc::clone(db.content())));
    let pages = web::Data::new(shared.pages);
    let limits = site.limits;
    let server = HttpServer::new(move || {
        App::new()
            // Listed innermost first: the last `wrap` sees the request first.
            .wrap(middleware::error_pages())
            .wrap(middleware::security_headers())
            .wrap(Compress::default())
            .wrap(from_fn(middleware::add_request_id_header))
            .wrap(TracingLogger::default())
            // Form bodies (a long report in Burmese is large in UTF-8); uploads stream apart.
            .app_data(web::PayloadConfig::new(crate::auth::csrf::FORM_LIMIT))
            .app_data(db.clone())
            .app_data(media.clone())
            .app_data(mailer.clone())
            .app_data(site.clone())
            .app_data(pages.clone())
            .app_data(facets.clone())
            .app_data(months.clone())
            .configure(|cfg| {
                routes::configure(
                    cfg,
                    session_middleware(sessions.clone(), key.clone(), secure),
                )
            })
    })
    // A slow or idle client costs a connection slot, never a worker (see `Limits`); bodies
    // keep their pace in `auth::csrf`.
    .client_request_timeout(limits.request_head)
    .client_disconnect_timeout(limits.disconnect)
    .keep_alive(limits.keep_alive)
    .max_connections(limits.max_connections)
    .listen(listener)?
    .shutdown_timeout(SHUTDOWN_GRACE_SECS)
    .run();
    Ok(server)
}

fn remove_expired_sessions(
    db: &Db,
    limits: crate::auth::session_store::SessionLimits,
) -> anyhow::Result<usize> {
    let now = chrono::Utc::now().naive_utc();
    let idle = chrono::TimeDelta::from_std(limits.idle)?;
    Ok(crate::db::models::sessions::delete_expired(
        &mut *db.write_conn()?,
        now,
        now - idle,
    )?)
}

/// Sessions: a random key in an encrypted, HttpOnly, SameSite=Lax cookie that lasts the
/// browser session (Secure behind https); the idle and absolute limits are enforced by the
/// store, which holds everything else.
fn session_middleware(
    store: SqliteSessionStore,
    key: Key,
    secure: bool,
) -> SessionMiddleware<SqliteSessionStore> {
    SessionMiddleware::builder(store, key)
        .cookie_name("mmn_session".into())
        .cookie_secure(secure)
        .cookie_http_only(true)
        .cookie_same_site(SameSite::Lax)
        .cookie_path("/".into())
        .cookie_content_security(CookieContentSecurity::Private)
        .session_lifecycle(BrowserSession::default())
        .build()
}
