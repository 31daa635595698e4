//! Authentication: passwords now; sessions, CSRF and access checks join them here.

pub mod password;
