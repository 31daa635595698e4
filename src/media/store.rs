//! The files under `media/`: written once, atomically, and never changed.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// The media directory.
#[derive(Debug, Clone)]
pub struct MediaStore {
    root: PathBuf,
}

impl MediaStore {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        MediaStore { root: root.into() }
    }

    /// Writes `bytes` at `relative` unless a file is already there (the name is the content's
    /// hash, so an existing file holds the same bytes). The file is written beside its final
    /// name, synced, then renamed, so a crash never leaves a half-written file under a real
    /// name; the database row that refers to it is committed only after this returns.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let target = self
            .path(relative)
            .with_context(|| format!("invalid media path {relative}"))?;
        if target.exists() {
            return Ok(());
        }
        let dir = target.parent().context("media path has no folder")?;
        fs::create_dir_all(dir)?;
        let partial = dir.join(format!(
            ".{}.partial",
            target.file_name().unwrap_or_default().to_string_lossy()
        ));
        let mut file = fs::File::create(&partial)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&partial, &target)?;
        Ok(())
    }

    /// The file for a path as found in a URL or a row, or `None` when the path could reach
    /// outside the media directory or is not one of ours.
    pub fn path(&self, relative: &str) -> Option<PathBuf> {
        let well_formed = !relative.is_empty()
            && relative.len() < 200
            && relative
                .split('/')
                .all(|part| !part.is_empty() && !part.starts_with('.'))
            && relative
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"/.-_".contains(&b));
        well_formed.then(|| self.root.join(relative))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_media_directory() {
        let store = MediaStore::new("/data/media");
        assert!(store.path("img/ab/abcdef.jpg").is_some());
        for bad in [
            "",
            "../session.key",
            "img/../../x",
            "/etc/passwd",
            "img//x",
            ".hidden",
            "img/AB.jpg",
            "img/a b.jpg",
        ] {
            assert!(store.path(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn writes_once_and_leaves_no_partial_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = MediaStore::new(dir.path());
        store.write("img/ab/abc.jpg", b"first").unwrap();
        store.write("img/ab/abc.jpg", b"second").unwrap();
        assert_eq!(
            fs::read(dir.path().join("img/ab/abc.jpg")).unwrap(),
            b"first"
        );
        let names: Vec<_> = fs::read_dir(dir.path().join("img/ab"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }
}
