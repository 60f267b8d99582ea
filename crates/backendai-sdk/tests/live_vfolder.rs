//! Live VFolder tests against the real Backend.AI stack (`source /tmp/bai-realstack/env.sh`).
//! Skipped (and say so) when `BACKEND_ENDPOINT` is not set.
//!
//! Full cycle on `local:volume1`: create → upload 3 files (one of 64 MiB) through the
//! storage-proxy → ls → download → compare bytes → rename file → delete files → delete
//! folder; an upload interrupted half way (connection dropped mid-body) and then resumed ends
//! with identical bytes; the same listing as a normal user works. Every folder is deleted at
//! the end, also when an assertion fails.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use backendai_core::config::ApiConfig;
use backendai_core::error::ErrorKind;
use backendai_sdk::groups::vfolder::{CreateVFolder, DownloadItem, UploadItem, VFolderCreated};
use backendai_sdk::transfer::{Progress, ProgressKind, TransferOptions};
use backendai_sdk::Client;
use futures_util::FutureExt;

mod common;
use common::{as_user, unique};

const HOST: &str = "local:volume1";

/// Transfers of 64 MiB need longer timeouts than [`common::live`].
fn live() -> Option<ApiConfig> {
    common::live_with(Duration::from_secs(5), Duration::from_secs(120))
}

/// Deterministic content: a different byte pattern per seed.
fn write_pattern(path: &Path, len: usize, seed: u8) {
    use std::io::Write;
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let block: Vec<u8> = (0..1024 * 1024)
        .map(|i| ((i * 131 + i / 509) as u8) ^ seed)
        .collect();
    let mut left = len;
    let mut n = 0u8;
    while left > 0 {
        let take = left.min(block.len());
        // Vary every MiB so misplaced blocks are caught.
        let chunk: Vec<u8> = block[..take].iter().map(|b| b.wrapping_add(n)).collect();
        f.write_all(&chunk).unwrap();
        left -= take;
        n = n.wrapping_add(1);
    }
    f.flush().unwrap();
}

fn same_bytes(a: &Path, b: &Path) -> bool {
    std::fs::read(a).unwrap() == std::fs::read(b).unwrap()
}

/// The two tests here run one after the other: concurrent folder creation makes the 23.09
/// manager fail with a PostgreSQL serialization error (500, "might succeed if retried").
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Creates a folder on [`HOST`], retrying a few times on a 500 (other clients may create
/// folders at the same moment; see [`SERIAL`]).
async fn create_folder(client: &Client, name: &str) -> VFolderCreated {
    let args = CreateVFolder {
        host: Some(HOST.to_owned()),
        ..CreateVFolder::new(name)
    };
    let mut attempt = 0;
    loop {
        match client.vfolders().create(&args).await {
            Ok(f) => return f,
            Err(e) if e.kind() == ErrorKind::ServerError && attempt < 4 => {
                attempt += 1;
                println!("live: create {name} failed ({e}), retrying");
                tokio::time::sleep(Duration::from_millis(300 * attempt)).await;
            }
            Err(e) => panic!("create {name}: {e}"),
        }
    }
}

/// Runs `body`, then deletes the folder whatever happened, then re-raises a panic.
async fn with_folder<F, Fut>(client: &Client, name: &str, body: F)
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let outcome = std::panic::AssertUnwindSafe(body()).catch_unwind().await;
    match client.vfolders().delete(name).await {
        Ok(()) => println!("live: deleted folder {name}"),
        Err(e) => println!("live: cleanup of {name} failed: {e}"),
    }
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

#[tokio::test]
async fn vfolder_full_cycle_with_storage_proxy_transfers() {
    let Some(cfg) = live() else { return };
    let client = Client::new(cfg).unwrap();
    let vf = client.vfolders();
    let hosts = vf.list_hosts().await.unwrap();
    assert!(hosts.allowed.iter().any(|h| h == HOST), "{hosts:?}");

    let _serial = SERIAL.lock().await;
    let name = unique("rs-vf");
    let created = create_folder(&client, &name).await;
    assert_eq!(created.name, name);
    println!("live: created folder {name} ({})", created.id);

    with_folder(&client, &name, || async {
        let vf = client.vfolders();
        let listed = vf.list(false).await.unwrap();
        assert!(listed.iter().any(|f| f.name == name), "new folder listed");
        let info = vf.info(&name).await.unwrap();
        assert_eq!(info.host.as_deref(), Some(HOST));
        assert_eq!(info.file_count(), Some(0));

        // --- upload 3 files, one of 64 MiB, in parallel, with progress ---------------------
        let src = tempfile::tempdir().unwrap();
        std::fs::write(src.path().join("a.txt"), "hello vfolder\n").unwrap();
        std::fs::create_dir(src.path().join("sub")).unwrap();
        write_pattern(&src.path().join("sub/b.bin"), 1024 * 1024 + 17, 11);
        write_pattern(&src.path().join("big.bin"), 64 * 1024 * 1024, 42);
        let items = vec![
            UploadItem {
                local: src.path().join("a.txt"),
                remote: "a.txt".into(),
            },
            UploadItem {
                local: src.path().join("sub/b.bin"),
                remote: "sub/b.bin".into(),
            },
            UploadItem {
                local: src.path().join("big.bin"),
                remote: "big.bin".into(),
            },
        ];
        let events: Arc<Mutex<Vec<Progress>>> = Arc::default();
        let ev = events.clone();
        let opts = TransferOptions {
            parallel: 3,
            progress: Some(Arc::new(move |p: &Progress| {
                if p.kind != ProgressKind::Advanced || p.done % (8 * 1024 * 1024) < 256 * 1024 {
                    ev.lock().unwrap().push(p.clone());
                }
            })),
            ..TransferOptions::default()
        };
        let t0 = Instant::now();
        let reports = vf.upload_files(&name, &items, &opts).await.unwrap();
        let secs = t0.elapsed().as_secs_f64();
        println!(
            "live: uploaded 3 files ({} MiB) in {secs:.2}s",
            (64 * 1024 * 1024 + 1024 * 1024 + 31) >> 20
        );
        assert_eq!(
            reports.iter().map(|r| r.bytes).collect::<Vec<_>>(),
            [14, 1024 * 1024 + 17, 64 * 1024 * 1024]
        );
        {
            let ev = events.lock().unwrap();
            for (i, report) in reports.iter().enumerate() {
                let fin = ev
                    .iter()
                    .find(|p| p.index == i && p.kind == ProgressKind::Finished);
                assert_eq!(fin.map(|p| p.done), Some(report.bytes), "file {i} finished");
            }
        }

        // --- ls ----------------------------------------------------------------------------
        let top = vf.list_files(&name, ".").await.unwrap();
        let size_of = |n: &str| top.iter().find(|e| e.name == n).map(|e| e.size);
        assert_eq!(size_of("a.txt"), Some(14));
        assert_eq!(size_of("big.bin"), Some(64 * 1024 * 1024));
        assert!(top.iter().any(|e| e.name == "sub" && e.is_dir()), "{top:?}");
        let sub = vf.list_files(&name, "sub").await.unwrap();
        assert_eq!(
            sub.iter()
                .map(|e| (e.name.as_str(), e.size))
                .collect::<Vec<_>>(),
            [("b.bin", 1024 * 1024 + 17)]
        );

        // --- download and compare ------------------------------------------------------------
        let dst = tempfile::tempdir().unwrap();
        let downloads = vec![
            DownloadItem {
                remote: "a.txt".into(),
                local: dst.path().join("a.txt"),
            },
            DownloadItem {
                remote: "sub/b.bin".into(),
                local: dst.path().join("sub/b.bin"),
            },
            DownloadItem {
                remote: "big.bin".into(),
                local: dst.path().join("big.bin"),
            },
        ];
        let t0 = Instant::now();
        let got = vf
            .download_files(&name, &downloads, &TransferOptions::default())
            .await
            .unwrap();
        println!(
            "live: downloaded 3 files in {:.2}s",
            t0.elapsed().as_secs_f64()
        );
        assert_eq!(got.len(), 3);
        for (u, d) in items.iter().zip(&downloads) {
            assert!(
                same_bytes(&u.local, &d.local),
                "{} identical after the round trip",
                u.remote
            );
        }

        // --- interrupted upload, then resumed ------------------------------------------------
        let resume_src = src.path().join("resume.bin");
        let resume_len = 24 * 1024 * 1024 + 5;
        write_pattern(&resume_src, resume_len, 77);
        let session = vf
            .open_upload(
                &name,
                &UploadItem {
                    local: resume_src.clone(),
                    remote: "resume.bin".into(),
                },
            )
            .await
            .unwrap();
        let mut cut = TransferOptions {
            chunk_size: 64 * 1024 * 1024,
            ..TransferOptions::default()
        };
        let cancel = cut.cancel.clone();
        let half = resume_len as u64 / 2;
        cut.progress = Some(Arc::new(move |p: &Progress| {
            if p.done >= half {
                cancel.cancel();
            }
        }));
        let tc = vf.transfer_client();
        let err = tc
            .upload(&session.target, &session.local, 0, &cut, 0)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Aborted, "{err}");
        tokio::time::sleep(Duration::from_millis(300)).await;
        let held = tc.upload_offset(&session.target).await.unwrap();
        println!("live: interrupted upload, storage-proxy holds {held} of {resume_len} bytes");
        assert!(
            held < resume_len as u64,
            "the upload was really cut ({held})"
        );
        let n = vf
            .resume_upload(&session, &TransferOptions::default())
            .await
            .unwrap();
        assert_eq!(n, resume_len as u64);
        let back = dst.path().join("resume.bin");
        vf.download_files(
            &name,
            &[DownloadItem {
                remote: "resume.bin".into(),
                local: back.clone(),
            }],
            &TransferOptions::default(),
        )
        .await
        .unwrap();
        assert!(
            same_bytes(&resume_src, &back),
            "resumed upload has identical bytes"
        );

        // --- rename file, delete files ---------------------------------------------------------
        vf.rename_file(&name, "a.txt", "renamed.txt").await.unwrap();
        let top = vf.list_files(&name, ".").await.unwrap();
        assert!(
            top.iter().any(|e| e.name == "renamed.txt") && !top.iter().any(|e| e.name == "a.txt")
        );
        vf.mkdir(&name, "made/deep", true, false).await.unwrap();
        vf.move_file(&name, "renamed.txt", "made/deep/renamed.txt")
            .await
            .unwrap();
        let deep = vf.list_files(&name, "made/deep").await.unwrap();
        assert_eq!(
            deep.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(),
            ["renamed.txt"]
        );
        vf.delete_files(&name, &["big.bin".into(), "resume.bin".into()], false)
            .await
            .unwrap();
        vf.delete_files(&name, &["made".into(), "sub".into()], true)
            .await
            .unwrap();
        let top = vf.list_files(&name, ".").await.unwrap();
        assert!(top.is_empty(), "all files deleted: {top:?}");

        // --- errors are classified -------------------------------------------------------------
        let missing = vf.info(&unique("rs-vf-missing")).await.unwrap_err();
        assert_eq!(missing.kind(), ErrorKind::NotFound, "{missing}");
    })
    .await;

    let after = client.vfolders().list(false).await.unwrap();
    assert!(
        !after
            .iter()
            .any(|f| f.name == name && f.status.as_deref() == Some("ready")),
        "folder deleted"
    );
}

#[tokio::test]
async fn vfolder_listing_as_a_normal_user() {
    let Some(cfg) = live() else { return };
    let admin = Client::new(cfg.clone()).unwrap();
    let user = Client::new(as_user(&cfg)).unwrap();
    let _serial = SERIAL.lock().await;
    let name = unique("rs-vf-admin");
    create_folder(&admin, &name).await;
    with_folder(&admin, &name, || async {
        let uv = user.vfolders();
        let mine = uv.list(false).await.unwrap();
        assert!(
            !mine.iter().any(|f| f.name == name),
            "a user does not see the admin's folder"
        );
        let hosts = uv.list_hosts().await.unwrap();
        assert!(hosts.allowed.iter().any(|h| h == HOST), "{hosts:?}");
        let types = uv.list_allowed_types().await.unwrap();
        assert!(types.iter().any(|t| t == "user"), "{types:?}");
        let inv = uv.invitations().await.unwrap();
        println!(
            "live: user sees {} folders, {} invitations",
            mine.len(),
            inv.len()
        );
        // Superadmin-only calls fail cleanly, not with a crash. (The 23.09 manager answers
        // 401 `auth-failed` "Unauthorized access" from its superadmin_required decorator.)
        let err = uv.list_all_hosts().await.unwrap_err();
        assert!(
            matches!(
                err.kind(),
                ErrorKind::PermissionDenied | ErrorKind::AuthFailed
            ),
            "{err}"
        );
        assert_eq!(err.status(), Some(401));
        // Someone else's folder is not found for the user.
        let err = uv.info(&name).await.unwrap_err();
        assert!(
            matches!(
                err.kind(),
                ErrorKind::NotFound | ErrorKind::PermissionDenied
            ),
            "{err}"
        );
        // Admin-only lists still work for the admin.
        let all = admin.vfolders().list_all_hosts().await.unwrap();
        assert!(all.allowed.iter().any(|h| h == HOST), "{all:?}");
    })
    .await;
}
