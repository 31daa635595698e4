use std::fmt;
use std::str::FromStr;

/// An email address as accounts use it: trimmed, lower-cased, one `@`, no spaces.
///
/// Deliverability is not checked here (the portal sends no mail); the form only has to be
/// unambiguous so that look-ups and uniqueness work. `admin@localhost` is valid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

/// Why a string is not an [`Email`].
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("not a valid email address")]
pub struct InvalidEmail;

impl FromStr for Email {
    type Err = InvalidEmail;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_lowercase();
        let (local, domain) = s.split_once('@').ok_or(InvalidEmail)?;
        let well_formed = !local.is_empty()
            && !domain.is_empty()
            && !domain.contains('@')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && s.len() <= 254
            && !s.chars().any(|c| c.is_whitespace() || c.is_control());
        if well_formed {
            Ok(Email(s))
        } else {
            Err(InvalidEmail)
        }
    }
}

impl Email {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_and_space() {
        let e: Email = "  Admin@Example.ORG ".parse().unwrap();
        assert_eq!(e.as_str(), "admin@example.org");
        assert_eq!(
            "admin@localhost".parse::<Email>().unwrap().as_str(),
            "admin@localhost"
        );
    }

    #[test]
    fn refuses_malformed_addresses() {
        for bad in [
            "",
            "no-at",
            "@example.org",
            "a@",
            "a@b@c",
            "a b@c.d",
            "a@.org",
            "a@org.",
            "a@b\u{7}c",
        ] {
            assert_eq!(bad.parse::<Email>(), Err(InvalidEmail), "{bad:?}");
        }
    }
}
