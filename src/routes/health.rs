//! `/healthz`: is the portal up and its database readable?

use actix_web::{HttpResponse, web};
use diesel::RunQueryDsl;
use diesel::sql_types::Integer;

use crate::db::Db;
use crate::error::AppError;

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = Integer)]
    n: i32,
}

/// 200 `ok` when the database is readable and its write lock can be taken; 503 when it is
/// locked past the busy timeout or out of connections. A portal that can show pages but not
/// accept a member's report is not healthy.
pub async fn healthz(db: web::Data<Db>) -> Result<HttpResponse, AppError> {
    // Reading a real table proves the file is there, migrated and not locked; `SELECT 1`
    // would succeed against an empty file.
    let applied = db
        .read(|conn| {
            let count: Count =
                diesel::sql_query("SELECT count(*) AS n FROM __diesel_schema_migrations")
                    .get_result(conn)?;
            Ok(count.n)
        })
        .await?;
    if applied == 0 {
        return Err(AppError::Unavailable(
            "the database has no migrations applied".into(),
        ));
    }
    // BEGIN IMMEDIATE and an empty COMMIT: takes the write lock, writes nothing.
    db.write(|_| Ok(())).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body("ok\n"))
}
