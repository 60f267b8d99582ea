//! Sharing folders and the GraphQL folder lists: project-folder sharing (`share`, `unshare`),
//! leaving a shared folder, the shared-folder permissions an admin manages, ownership
//! transfer, and the paginated `vfolder_*list` queries.

use serde::Deserialize;
use serde_json::Value;

use super::{requests, ListKind, Page, PageArgs, Permission, SharedVFolder, VFolders};
use super::{VFolderMessage, VFolderShared, VFolderUnshared};
use crate::error::{Error, Result};
use backendai_core::error::ErrorKind;

#[derive(Deserialize)]
struct SharedAnswer {
    #[serde(default)]
    shared: Vec<SharedVFolder>,
}

/// An empty or `{}` body reads as the default answer (`{"msg"}` is optional).
fn message(body: &[u8]) -> Result<VFolderMessage> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(VFolderMessage::default());
    }
    serde_json::from_slice(body)
        .map_err(|e| Error::new(ErrorKind::Decode, format!("invalid answer: {e}")))
}

impl VFolders<'_> {
    /// Shares a project folder with users of its project, overriding the folder's permission
    /// for them (superadmin/admin, 23.09+). Returns the e-mails it is now shared with.
    pub async fn share(
        &self,
        folder: &str,
        permission: Permission,
        emails: &[String],
    ) -> Result<VFolderShared> {
        let (v, f) = self.resolve(folder).await?;
        self.client
            .json(requests::share(&v, &f, permission, emails))
            .await
    }

    /// Stops sharing a project folder with users (23.09+).
    pub async fn unshare(&self, folder: &str, emails: &[String]) -> Result<VFolderUnshared> {
        let (v, f) = self.resolve(folder).await?;
        self.client.json(requests::unshare(&v, &f, emails)).await
    }

    /// Leaves a folder shared with the caller; with `shared_user_uuid` (superadmin, or the
    /// caller's own id), removes that user's access instead.
    pub async fn leave(
        &self,
        folder: &str,
        shared_user_uuid: Option<&str>,
    ) -> Result<VFolderMessage> {
        let (v, f) = self.resolve(folder).await?;
        let resp = self
            .client
            .send(requests::leave(&v, &f, shared_user_uuid))
            .await?;
        message(&resp.body)
    }

    /// Folders shared with users (the caller's, or every one for a superadmin); with
    /// `vfolder_id`, only that folder.
    pub async fn list_shared(&self, vfolder_id: Option<&str>) -> Result<Vec<SharedVFolder>> {
        let v = self.version().await?;
        let a: SharedAnswer = self
            .client
            .json(requests::list_shared(&v, vfolder_id))
            .await?;
        Ok(a.shared)
    }

    /// The sharing entries of one folder (one per user it is shared with; empty when it is
    /// not shared).
    pub async fn shared_info(&self, vfolder_id: &str) -> Result<Vec<SharedVFolder>> {
        self.list_shared(Some(vfolder_id)).await
    }

    /// Changes (or with `None` removes) a user's permission on a shared folder.
    pub async fn update_shared(
        &self,
        vfolder_id: &str,
        user: &str,
        perm: Option<Permission>,
    ) -> Result<VFolderMessage> {
        let resp = self
            .client
            .send(requests::update_shared(vfolder_id, user, perm))
            .await?;
        message(&resp.body)
    }

    /// Transfers a folder to another user (admin).
    pub async fn change_ownership(&self, vfolder_id: &str, user_email: &str) -> Result<()> {
        self.client
            .send(requests::change_ownership(vfolder_id, user_email))
            .await?;
        Ok(())
    }

    /// One page of a GraphQL folder list (23.09+): every folder ([`ListKind::All`], with an
    /// optional project), the caller's own, those shared with the caller by invitation, or
    /// the project folders the caller can reach.
    pub async fn paginated_list(&self, kind: ListKind, args: &PageArgs) -> Result<Page> {
        let v = self.version().await?;
        let answer: Value = self
            .client
            .json(requests::paginated_list(&v, kind, args)?)
            .await?;
        // GraphQL `errors` become the server's error (not a missing-data decode error).
        let data = crate::graphql::decode_reply(answer, &v)?;
        let root = data
            .get(kind.root_field())
            .filter(|r| !r.is_null())
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Decode,
                    format!("GraphQL answer has no data.{}", kind.root_field()),
                )
            })?;
        serde_json::from_value(root.clone()).map_err(|e| {
            Error::new(
                ErrorKind::Decode,
                format!("invalid {} page: {e}", kind.root_field()),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_msg_answers() {
        assert_eq!(message(b"").unwrap(), VFolderMessage::default());
        let m = message(br#"{"msg": "left the shared vfolder"}"#).unwrap();
        assert_eq!(m.msg.as_deref(), Some("left the shared vfolder"));
        assert!(message(b"<html>").is_err());
    }
}
