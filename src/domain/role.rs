use std::fmt;
use std::str::FromStr;

/// What an account may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Moderates, publishes and manages everything.
    Secretariat,
    /// Writes activity reports for exactly one organization.
    Member,
}

impl Role {
    /// The value stored in `users.role`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Secretariat => "secretariat",
            Role::Member => "member",
        }
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "secretariat" => Ok(Role::Secretariat),
            "member" => Ok(Role::Member),
            other => Err(format!(
                "unknown role {other:?} (expected secretariat or member)"
            )),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_its_stored_form() {
        for role in [Role::Secretariat, Role::Member] {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("admin".parse::<Role>().is_err());
    }
}
