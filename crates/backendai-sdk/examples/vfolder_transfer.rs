//! Measures vfolder upload and download throughput through the storage-proxy: creates a
//! temporary folder, uploads one generated file of SIZE_MIB (default 1024) MiB, downloads it,
//! checks the bytes, prints MiB/s for both directions, and deletes the folder.
//!
//! ```sh
//! source /tmp/bai-realstack/env.sh   # or set BACKEND_ENDPOINT / BACKEND_ACCESS_KEY / BACKEND_SECRET_KEY
//! cargo run --release -p backendai-sdk --example vfolder_transfer [SIZE_MIB] [HOST]
//! ```
//!
//! Output (one line per direction, machine readable): `upload <bytes> <seconds> <MiB/s>`.

use std::io::{Read, Write};
use std::path::Path;
use std::time::Instant;

use backendai_sdk::groups::vfolder::{CreateVFolder, DownloadItem, UploadItem};
use backendai_sdk::transfer::TransferOptions;
use backendai_sdk::Client;

fn generate(path: &Path, mib: usize) -> std::io::Result<()> {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
    let block: Vec<u8> = (0..1024 * 1024)
        .map(|i| (i * 131 + i / 509) as u8)
        .collect();
    for n in 0..mib {
        let chunk: Vec<u8> = block.iter().map(|b| b.wrapping_add(n as u8)).collect();
        f.write_all(&chunk)?;
    }
    f.flush()
}

fn same(a: &Path, b: &Path) -> std::io::Result<bool> {
    let (mut fa, mut fb) = (std::fs::File::open(a)?, std::fs::File::open(b)?);
    let (mut ba, mut bb) = (vec![0u8; 1 << 20], vec![0u8; 1 << 20]);
    loop {
        let na = fa.read(&mut ba)?;
        let mut nb = 0;
        while nb < na {
            let r = fb.read(&mut bb[nb..na])?;
            if r == 0 {
                return Ok(false);
            }
            nb += r;
        }
        if na == 0 {
            return Ok(fb.read(&mut bb)? == 0);
        }
        if ba[..na] != bb[..na] {
            return Ok(false);
        }
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mib: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(1024);
    let host = args.next().unwrap_or_else(|| "local:volume1".to_owned());
    let client = Client::try_default()?;
    let vf = client.vfolders();

    let dir = tempfile::tempdir()?;
    let src = dir.path().join("payload.bin");
    generate(&src, mib)?;
    let bytes = (mib as u64) << 20;

    let name = format!(
        "rs-bench-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..10]
    );
    vf.create(&CreateVFolder {
        host: Some(host),
        ..CreateVFolder::new(&name)
    })
    .await?;
    let result = async {
        let opts = TransferOptions::default();
        let t0 = Instant::now();
        vf.upload_files(
            &name,
            &[UploadItem {
                local: src.clone(),
                remote: "payload.bin".into(),
            }],
            &opts,
        )
        .await?;
        let up = t0.elapsed().as_secs_f64();
        println!("upload {bytes} {up:.3} {:.1}", mib as f64 / up);

        let dst = dir.path().join("back.bin");
        let t0 = Instant::now();
        vf.download_files(
            &name,
            &[DownloadItem {
                remote: "payload.bin".into(),
                local: dst.clone(),
            }],
            &opts,
        )
        .await?;
        let down = t0.elapsed().as_secs_f64();
        println!("download {bytes} {down:.3} {:.1}", mib as f64 / down);
        if !same(&src, &dst)? {
            return Err("downloaded bytes differ from the upload".into());
        }
        Ok::<(), Box<dyn std::error::Error>>(())
    }
    .await;
    vf.delete(&name).await?;
    result
}
