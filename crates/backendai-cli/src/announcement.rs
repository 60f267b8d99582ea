//! Server announcements (spec/protocol.md §5.5): the SDK fetches `GET /manager/announcement`
//! once per client in the background; this handler prints an enabled announcement to stderr
//! between `----------` lines when its SHA-256 differs from the one stored in
//! `<state_dir>/announcement.json` (`{"hash": "<hex>", "dismissed": false}`, the Python
//! client's format), then stores the new hash (file mode 0600).
//!
//! Not used with `--quiet`, `-o json`, `config`, `completion` and `aime` (see `main.rs`).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use backendai_core::auth::HashType;
use backendai_core::config::AnnouncementHandler;
use serde::{Deserialize, Serialize};

/// The state file in the state dir.
pub const STATE_FILE: &str = "announcement.json";

/// How long the end of a command waits for an announcement fetch still in flight.
pub const GRACE: Duration = Duration::from_millis(5);

/// The stored state (`announcement.json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// SHA-256 (hex) of the last announcement shown.
    #[serde(default)]
    pub hash: String,
    /// Kept for the Python client (which never sets it either).
    #[serde(default)]
    pub dismissed: bool,
}

/// SHA-256 of the message's UTF-8 bytes, lowercase hex (Python's `hexdigest()`).
pub fn message_hash(message: &str) -> String {
    HashType::Sha256.hex_digest(message.as_bytes())
}

/// The stored state; a missing or unreadable file is the empty state.
pub fn load(dir: &Path) -> State {
    std::fs::read(dir.join(STATE_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Writes the state atomically (temporary file + rename), mode 0600, creating the dir.
pub fn store(dir: &Path, state: &State) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let text = serde_json::to_vec(state).map_err(io::Error::other)?;
    let tmp = dir.join(format!(".{STATE_FILE}.{}.tmp", std::process::id()));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let result = opts
        .open(&tmp)
        .and_then(|mut f| f.write_all(&text).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, dir.join(STATE_FILE)));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The announcement as printed.
pub fn render(message: &str) -> String {
    format!("----------\n{}\n----------\n", message.trim_end())
}

/// Shows `message` on `out` unless it is the one already shown (per the state in `dir`),
/// then stores its hash. Returns whether it was shown. State-file errors are ignored.
pub fn announce(dir: &Path, message: &str, out: &mut dyn Write) -> bool {
    let hash = message_hash(message);
    let stored = load(dir);
    if stored.hash == hash {
        return false;
    }
    let _ = out.write_all(render(message).as_bytes());
    let _ = out.flush();
    let state = State {
        hash,
        dismissed: false,
    };
    if let Err(e) = store(dir, &state) {
        tracing::debug!("cannot store the announcement state: {e}");
    }
    true
}

/// The handler the CLI installs: [`announce`] on stderr with the state in `dir`.
pub fn handler(dir: PathBuf) -> AnnouncementHandler {
    AnnouncementHandler::new(move |message: &str| {
        announce(&dir, message, &mut io::stderr().lock());
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_python_sha256_hexdigest() {
        // hashlib.sha256("hello".encode("utf8")).hexdigest()
        assert_eq!(
            message_hash("hello"),
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        );
    }

    #[test]
    fn shown_once_per_message_and_stored_like_python() {
        let dir = tempfile::tempdir().unwrap();
        let state_dir = dir.path().join("state/backend.ai");
        let mut out = Vec::new();
        assert!(announce(&state_dir, "Maintenance at 18:00\n", &mut out));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "----------\nMaintenance at 18:00\n----------\n"
        );
        let raw = std::fs::read_to_string(state_dir.join(STATE_FILE)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"hash": message_hash("Maintenance at 18:00\n"), "dismissed": false})
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(state_dir.join(STATE_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }

        // Same message: silent.
        let mut out = Vec::new();
        assert!(!announce(&state_dir, "Maintenance at 18:00\n", &mut out));
        assert!(out.is_empty());

        // A new message is shown and replaces the hash.
        let mut out = Vec::new();
        assert!(announce(&state_dir, "New release", &mut out));
        assert_eq!(load(&state_dir).hash, message_hash("New release"));
        // No temporary files are left behind.
        let names: Vec<_> = std::fs::read_dir(&state_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [STATE_FILE]);
    }

    #[test]
    fn reads_the_python_file_and_survives_garbage() {
        let dir = tempfile::tempdir().unwrap();
        // What Python's json.dump writes.
        let py = format!(
            "{{\"hash\": \"{}\", \"dismissed\": true}}",
            message_hash("old")
        );
        std::fs::write(dir.path().join(STATE_FILE), py).unwrap();
        let st = load(dir.path());
        assert_eq!(st.hash, message_hash("old"));
        assert!(st.dismissed);
        let mut out = Vec::new();
        assert!(!announce(dir.path(), "old", &mut out));

        std::fs::write(dir.path().join(STATE_FILE), "not json").unwrap();
        assert_eq!(load(dir.path()), State::default());
        let mut out = Vec::new();
        assert!(announce(dir.path(), "old", &mut out));
        assert_eq!(load(dir.path()).hash, message_hash("old"));
    }
}
