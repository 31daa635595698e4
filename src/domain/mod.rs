//! Validated types: once a value has one of these types, it is known to be well formed.

mod email;
pub mod lifecycle;
mod role;
pub mod slug;

pub use email::Email;
pub use role::Role;
