//! Storage hosts and host mounts (superadmin): `fstab`, the mount list, mounting and
//! unmounting a host filesystem on the agents, and a volume's performance figures.

use backendai_core::error::ErrorKind;

use super::{requests, Fstab, HostMounts, VFolders, VolumePerf};
use crate::error::{Error, Result};

/// The storage proxy's reason inside a manager's 400 (`data.type`/`data.title`).
const STORAGE_UNSUPPORTED: &str = "https://api.backend.ai/probs/storage/unsupported-operation";

/// A 400 whose nested problem says the storage backend cannot do it becomes
/// [`ErrorKind::Unsupported`] with the backend's reason in the message (the manager's own
/// title only says "Missing or invalid API parameters.").
fn storage_unsupported(e: Error, what: &str) -> Error {
    let nested = e.problem().and_then(|p| p.data.as_ref());
    let Some(data) = nested.filter(|d| d["type"] == STORAGE_UNSUPPORTED) else {
        return e;
    };
    let reason = data["title"].as_str().unwrap_or("Unsupported operation");
    let mut out = Error::new(
        ErrorKind::Unsupported,
        format!("{reason}: {what} (the storage proxy answered 400)"),
    );
    if let Some(status) = e.status() {
        out = out.with_status(status);
    }
    match e.problem().cloned() {
        Some(p) => out.with_problem(p),
        None => out,
    }
}

impl VFolders<'_> {
    /// `/etc/fstab` of an agent (through its watcher), or the manager's placeholder text.
    pub async fn fstab(&self, agent_id: Option<&str>) -> Result<Fstab> {
        let v = self.version().await?;
        self.client.json(requests::fstab(&v, agent_id)).await
    }

    /// Mounts of the manager (legacy), the storage proxies' volumes and the alive agents.
    pub async fn list_mounts(&self) -> Result<HostMounts> {
        self.client.json(requests::list_mounts()).await
    }

    /// Mounts `fs_location` as `name` in the vfolder root of every alive agent (through the
    /// agents' watchers; agents without one are left out of the answer).
    pub async fn mount_host(
        &self,
        name: &str,
        fs_location: &str,
        options: Option<&str>,
        edit_fstab: bool,
    ) -> Result<HostMounts> {
        self.client
            .json(requests::mount_host(name, fs_location, options, edit_fstab))
            .await
    }

    /// Unmounts `name` from the vfolder root of every alive agent.
    pub async fn umount_host(&self, name: &str, edit_fstab: bool) -> Result<HostMounts> {
        self.client
            .json(requests::umount_host(name, edit_fstab))
            .await
    }

    /// Performance figures of a storage volume (`proxy:volume`, 23.09+); storage backends
    /// without them answer 400 `unsupported-operation`.
    pub async fn perf_metric(&self, folder_host: &str) -> Result<VolumePerf> {
        let v = self.version().await?;
        self.client
            .json(requests::perf_metric(&v, folder_host)?)
            .await
            .map_err(|e| storage_unsupported(e, &format!("performance metrics of {folder_host}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nested_storage_problem_becomes_unsupported() {
        let body = br#"{"type": "https://api.backend.ai/probs/invalid-api-params",
            "title": "Missing or invalid API parameters.",
            "data": {"type": "https://api.backend.ai/probs/storage/unsupported-operation",
                     "title": "Unsupported operation by the storage backend"}}"#;
        let e = Error::from_answer(http::StatusCode::BAD_REQUEST, &http::HeaderMap::new(), body);
        let e = storage_unsupported(e, "performance metrics of local:volume1");
        assert_eq!(e.kind(), ErrorKind::Unsupported);
        assert_eq!(e.status(), Some(400));
        assert_eq!(
            e.to_string(),
            "Unsupported operation by the storage backend: performance metrics of local:volume1 \
             (the storage proxy answered 400)"
        );
        let plain = Error::from_answer(
            http::StatusCode::BAD_REQUEST,
            &http::HeaderMap::new(),
            br#"{"type": "https://api.backend.ai/probs/invalid-api-params", "title": "x"}"#,
        );
        assert_eq!(
            storage_unsupported(plain, "w").kind(),
            ErrorKind::InvalidArgument
        );
    }
}
