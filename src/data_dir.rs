//! The data directory: `portal.sqlite3`, `media/`, `tmp/` and `session.key`.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

/// Length of the key that signs and encrypts session cookies.
pub const SESSION_KEY_LEN: usize = 64;

/// Paths inside the data directory.
#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DataDir { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The SQLite database (with its `-wal` and `-shm` files beside it).
    pub fn database(&self) -> PathBuf {
        self.root.join("portal.sqlite3")
    }

    /// Published and private media variants, by content hash.
    pub fn media(&self) -> PathBuf {
        self.root.join("media")
    }

    /// Uploads in flight.
    pub fn tmp(&self) -> PathBuf {
        self.root.join("tmp")
    }

    pub fn session_key_path(&self) -> PathBuf {
        self.root.join("session.key")
    }

    /// Creates the directory and its parts. A new directory is private to its owner: it
    /// holds password hashes, unpublished photos and the session key.
    pub fn create(&self) -> anyhow::Result<()> {
        for dir in [self.root.clone(), self.media(), self.tmp()] {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(&dir)
                .with_context(|| format!("cannot create directory {}", dir.display()))?;
        }
        Ok(())
    }

    /// Removes leftovers of uploads that were in flight when the server last stopped (or was
    /// killed): files are written in `tmp/` and renamed into `media/` only when complete.
    pub fn empty_tmp(&self) -> anyhow::Result<usize> {
        let mut removed = 0;
        for entry in fs::read_dir(self.tmp())? {
            let path = entry?.path();
            if path.is_dir() {
                fs::remove_dir_all(&path)?;
            } else {
                fs::remove_file(&path)?;
            }
            removed += 1;
        }
        Ok(removed)
    }

    /// The session key, generated on first start and kept readable by the owner only.
    pub fn session_key(&self) -> anyhow::Result<[u8; SESSION_KEY_LEN]> {
        let path = self.session_key_path();
        match fs::read(&path) {
            Ok(bytes) => {
                let mode = fs::metadata(&path)?.permissions().mode() & 0o777;
                if mode & 0o077 != 0 {
                    tracing::warn!(path = %path.display(), mode = format!("{mode:o}"), "session key is readable by others; setting 0600");
                    fs::set_permissions(&path, fs::Permissions::from_mode(0o600))?;
                }
                bytes.try_into().map_err(|_| {
                    anyhow::anyhow!("{} is not a {SESSION_KEY_LEN}-byte key", path.display())
                })
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut key = [0u8; SESSION_KEY_LEN];
                getrandom::fill(&mut key).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
                let mut file = fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .mode(0o600)
                    .open(&path)
                    .with_context(|| format!("cannot create {}", path.display()))?;
                file.write_all(&key)?;
                file.sync_all()?;
                Ok(key)
            }
            Err(e) => bail!("cannot read {}: {e}", path.display()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empties_tmp_and_leaves_media_alone() {
        let root = tempfile::tempdir().unwrap();
        let dir = DataDir::new(root.path());
        dir.create().unwrap();
        fs::write(dir.tmp().join("123-0.part"), b"half").unwrap();
        fs::create_dir(dir.tmp().join("batch")).unwrap();
        fs::write(dir.media().join("kept.jpg"), b"whole").unwrap();

        assert_eq!(dir.empty_tmp().unwrap(), 2);
        assert_eq!(fs::read_dir(dir.tmp()).unwrap().count(), 0);
        assert!(dir.media().join("kept.jpg").is_file());
        assert_eq!(dir.empty_tmp().unwrap(), 0);
    }
}
