//! Password hashing (argon2id) and generated one-time passwords.
//!
//! Hashing takes tens of milliseconds on purpose: call these from the blocking pool or at
//! start-up, never on an async worker.

use anyhow::anyhow;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

/// argon2id with OWASP's minimum: 19 MiB of memory, 2 passes, 1 lane.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("constant argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) for `password`, with a random salt.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let hash = hasher()
        .hash_password(password.as_bytes())
        .map_err(|e| anyhow!("hashing a password: {e}"))?;
    Ok(hash.to_string())
}

/// Whether `password` matches the PHC string `hash`. The parameters come from the hash, so
/// passwords hashed under older parameters still verify.
pub fn verify_password(password: &str, hash: &str) -> bool {
    hasher().verify_password(password.as_bytes(), hash).is_ok()
}

/// Verifies against a fixed hash, for logins with an unknown email: the attempt then costs
/// what a real one costs, so timing does not reveal which emails have accounts.
pub fn verify_dummy(password: &str) -> bool {
    static DUMMY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        hash_password("no account has this password").unwrap_or_default()
    });
    verify_password(password, &DUMMY)
}

/// The shortest password accepted.
pub const MIN_LENGTH: usize = 12;

/// Why a new password is refused: a message id of the accounts catalog.
pub fn weakness(password: &str, user_inputs: &[&str]) -> Option<&'static str> {
    if password.chars().count() < MIN_LENGTH {
        return Some("password-too-short");
    }
    // zxcvbn estimates guesses against dictionaries, names, dates, keyboard patterns and
    // the account's own email; 3 means "safely unguessable" for an online attack.
    if zxcvbn::zxcvbn(password, user_inputs).score() < zxcvbn::Score::Three {
        return Some("password-too-weak");
    }
    None
}

/// Letters and digits that cannot be mistaken for one another when read aloud or copied
/// from a terminal (no 0/O, 1/l/I).
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A random one-time password of four groups of five characters, about 99 bits.
pub fn generate_one_time_password() -> anyhow::Result<String> {
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).map_err(|e| anyhow!("no randomness from the OS: {e}"))?;
    // 256 is not a multiple of 31; the bias this leaves (under 1 %) costs far less than a bit.
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect();
    Ok(chars
        .chunks(5)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_with_argon2id_at_owasp_parameters_and_verifies() {
        let hash = hash_password("correct horse battery staple").unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_password("correct horse battery staple", &hash));
        assert!(!verify_password("correct horse battery stapler", &hash));
        assert!(!verify_password("anything", "not a phc string"));
    }

    #[test]
    fn weak_and_short_passwords_are_named() {
        assert_eq!(weakness("short", &[]), Some("password-too-short"));
        assert_eq!(weakness("password1234", &[]), Some("password-too-weak"));
        assert_eq!(
            weakness("somchai@example.org", &["somchai@example.org"]),
            Some("password-too-weak")
        );
        assert_eq!(weakness("river-lantern-mekong-41-sparrow", &[]), None);
        assert!(!verify_dummy("anything"));
    }

    #[test]
    fn salts_differ() {
        assert_ne!(
            hash_password("same").unwrap(),
            hash_password("same").unwrap()
        );
    }

    #[test]
    fn one_time_passwords_are_readable_and_distinct() {
        let a = generate_one_time_password().unwrap();
        let b = generate_one_time_password().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 23);
        assert!(
            a.split('-')
                .all(|g| g.len() == 5 && g.bytes().all(|c| ALPHABET.contains(&c)))
        );
    }
}
