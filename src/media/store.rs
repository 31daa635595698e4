//! The files under `media/`: written once, atomically, and never changed.
//!
//! Order across the file system and the database, so that a crash at any point leaves no
//! row pointing at a missing file: a file is written in `tmp/`, synced, renamed into
//! `media/` (and the folder synced) before the row naming it is committed; a row is deleted
//! and committed before its file is removed. What a crash leaves behind is then only files
//! without a row, which the clean-up task removes (`media::cleanup`).

use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use anyhow::Context;

/// The media directory, and the `tmp/` folder beside it where files are written first.
#[derive(Debug, Clone)]
pub struct MediaStore {
    root: PathBuf,
    tmp: PathBuf,
}

/// Distinguishes the temporary files of one process (with the process id, across restarts).
static NEXT_TEMP: AtomicU64 = AtomicU64::new(0);

impl MediaStore {
    /// The store of a data directory's `media/`, writing through the `tmp/` beside it.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        let tmp = root.with_file_name("tmp");
        MediaStore { root, tmp }
    }

    /// A store whose temporary files go to `tmp` (on the same file system as `root`, so
    /// that moving a file into place is an atomic rename).
    pub fn with_tmp(root: impl Into<PathBuf>, tmp: impl Into<PathBuf>) -> Self {
        MediaStore {
            root: root.into(),
            tmp: tmp.into(),
        }
    }

    /// Writes `bytes` at `relative` unless a file is already there (the name is the content's
    /// hash, so an existing file holds the same bytes). The database row that refers to the
    /// file is committed only after this returns.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let target = self.target(relative)?;
        if self.reuse(&target)? {
            return Ok(());
        }
        let (temp, mut file) = self.temp_file()?;
        let written = file
            .write_all(bytes)
            .and_then(|()| file.sync_all())
            .with_context(|| format!("cannot write {}", temp.display()));
        drop(file);
        if let Err(e) = written {
            let _ = fs::remove_file(&temp);
            return Err(e);
        }
        self.move_into_place(&temp, &target)
    }

    /// Moves a finished, synced file from `tmp/` to `relative` (or drops it when that file
    /// exists already).
    pub fn adopt(&self, temp: &Path, relative: &str) -> anyhow::Result<()> {
        let target = self.target(relative)?;
        if self.reuse(&target)? {
            fs::remove_file(temp).with_context(|| format!("cannot remove {}", temp.display()))?;
            return Ok(());
        }
        self.move_into_place(temp, &target)
    }

    /// A new empty file in `tmp/`, for a file written in parts (an upload as it streams).
    pub fn temp_file(&self) -> anyhow::Result<(PathBuf, fs::File)> {
        fs::create_dir_all(&self.tmp)
            .with_context(|| format!("cannot create {}", self.tmp.display()))?;
        let name = format!(
            "{}-{}.part",
            std::process::id(),
            NEXT_TEMP.fetch_add(1, Ordering::Relaxed)
        );
        let path = self.tmp.join(name);
        let file = fs::OpenOptions::new()
            .write(true)
            .read(true)
            .create_new(true)
            .open(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        Ok((path, file))
    }

    /// Removes the file at `relative`; one already gone is fine (the clean-up task and a
    /// purge may meet). Only after the row naming it is committed away.
    pub fn remove(&self, relative: &str) -> anyhow::Result<()> {
        let target = self.target(relative)?;
        match fs::remove_file(&target) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e).with_context(|| format!("cannot remove {}", target.display())),
        }
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

    /// Where files are written before they are moved into place.
    pub fn tmp(&self) -> &Path {
        &self.tmp
    }

    fn target(&self, relative: &str) -> anyhow::Result<PathBuf> {
        self.path(relative)
            .with_context(|| format!("invalid media path {relative}"))
    }

    /// Whether `target` exists; if so its time is set to now, so that the clean-up task,
    /// which spares recent files, cannot remove it before the new row naming it commits.
    fn reuse(&self, target: &Path) -> anyhow::Result<bool> {
        match fs::File::open(target) {
            Ok(file) => {
                file.set_modified(SystemTime::now())
                    .with_context(|| format!("cannot touch {}", target.display()))?;
                Ok(true)
            }
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e).with_context(|| format!("cannot open {}", target.display())),
        }
    }

    fn move_into_place(&self, temp: &Path, target: &Path) -> anyhow::Result<()> {
        let dir = target.parent().context("media path has no folder")?;
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        if let Err(e) = fs::rename(temp, target) {
            let _ = fs::remove_file(temp);
            return Err(e).with_context(|| format!("cannot move into {}", target.display()));
        }
        // The rename itself must reach the disk before a row names the file.
        fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .with_context(|| format!("cannot sync {}", dir.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(dir: &Path) -> MediaStore {
        MediaStore::with_tmp(dir.join("media"), dir.join("tmp"))
    }

    #[test]
    fn paths_cannot_leave_the_media_directory() {
        let store = MediaStore::new("/data/media");
        assert_eq!(store.tmp(), Path::new("/data/tmp"));
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
    fn writes_once_through_tmp_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        store.write("img/ab/abc.jpg", b"first").unwrap();
        store.write("img/ab/abc.jpg", b"second").unwrap();
        assert_eq!(
            fs::read(dir.path().join("media/img/ab/abc.jpg")).unwrap(),
            b"first"
        );
        let names: Vec<_> = fs::read_dir(dir.path().join("media/img/ab"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        assert_eq!(fs::read_dir(dir.path().join("tmp")).unwrap().count(), 0);
    }

    #[test]
    fn a_rewritten_file_is_touched_and_removal_tolerates_absence() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        store.write("doc/ab/abc.pdf", b"%PDF").unwrap();
        let file = dir.path().join("media/doc/ab/abc.pdf");
        let old = SystemTime::now() - std::time::Duration::from_secs(7200);
        fs::File::options()
            .append(true)
            .open(&file)
            .unwrap()
            .set_modified(old)
            .unwrap();
        let (temp, mut f) = store.temp_file().unwrap();
        f.write_all(b"%PDF").unwrap();
        store.adopt(&temp, "doc/ab/abc.pdf").unwrap();
        assert!(!temp.exists(), "the duplicate is dropped");
        let modified = fs::metadata(&file).unwrap().modified().unwrap();
        assert!(modified > old, "touched, so the clean-up spares it");
        store.remove("doc/ab/abc.pdf").unwrap();
        store.remove("doc/ab/abc.pdf").unwrap();
        assert!(!file.exists());
    }
}
