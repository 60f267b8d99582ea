//! Scale curves of vfolder work: `upload -r` of a directory of N small files, `vfolder ls` of
//! it, `download` of its N files, and `upload -r` / `download` of N big files.

use std::path::Path;

use anyhow::Result;
use futures_util::StreamExt;

use super::paired::MakeCmds;
use super::proc::{self, Cmd};
use super::report::{Curve, Unit};
use super::scale::ScaleSizes;
use super::{Bench, MIB, VFOLDER_HOST};

/// Writes `n` files of `size` bytes (distinct pseudo-random contents) into `dir`; returns
/// their names.
fn make_files(dir: &Path, n: usize, size: usize, seed: u64) -> Result<Vec<String>> {
    std::fs::create_dir_all(dir)?;
    let mut names = Vec::with_capacity(n);
    let mut buf = vec![0u8; size];
    for i in 0..n {
        let mut x = (seed ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) | 1;
        for chunk in buf.chunks_mut(8) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            chunk.copy_from_slice(&x.to_le_bytes()[..chunk.len()]);
        }
        let name = format!("f{i:05}.bin");
        std::fs::write(dir.join(&name), &buf)?;
        names.push(name);
    }
    Ok(names)
}

impl Bench {
    pub(super) fn scale_files(&mut self, sz: &ScaleSizes) -> Result<()> {
        super::step("scale: vfolder ls / upload -r / download");
        let vf = format!("bench-scale-{}", self.tag);
        let create = proc::run(
            &self.bai(&["vfolder", "create", &vf, VFOLDER_HOST]),
            false,
            &self.scratch,
        )?;
        if !create.ok {
            self.skipped.push(format!(
                "scale vfolder curves: cannot create a vfolder: {}",
                create.first_error_line()
            ));
            return Ok(());
        }
        let result = self.scale_files_in(sz, &vf);
        let del = proc::run(&self.bai(&["vfolder", "delete", &vf]), false, &self.scratch)?;
        if !del.ok {
            eprintln!(
                "warning: could not delete vfolder {vf}: {}",
                del.first_error_line()
            );
        }
        let _ = std::fs::remove_dir_all(self.scratch.join("scale-files"));
        result
    }

    fn scale_files_in(&mut self, sz: &ScaleSizes, vf: &str) -> Result<()> {
        let base = self.scratch.join("scale-files");
        let mut up = Curve::new(
            "upload-small",
            "`vfolder upload -r` of a directory of N × 1 KiB files",
            "files",
            Unit::Ms,
        );
        let mut ls = Curve::new(
            "ls",
            "`vfolder ls` of a directory of N files",
            "files",
            Unit::Ms,
        );
        let mut down = Curve::new(
            "download-small",
            "`vfolder download` of N × 1 KiB files",
            "files",
            Unit::Ms,
        );
        for &n in &sz.small_files {
            self.transfer_point(vf, &base, n, 1024, sz, [&mut up, &mut down], Some(&mut ls))?;
        }
        let (count, mib) = sz.big_files;
        let mut big_up = Curve::new(
            "upload-big",
            &format!("`vfolder upload -r` of N × {mib} MiB files"),
            "files",
            Unit::Ms,
        );
        let mut big_down = Curve::new(
            "download-big",
            &format!("`vfolder download` of N × {mib} MiB files"),
            "files",
            Unit::Ms,
        );
        for n in [(count / 10).max(1), count] {
            self.transfer_point(
                vf,
                &base,
                n,
                mib << 20,
                sz,
                [&mut big_up, &mut big_down],
                None,
            )?;
        }
        self.curves.extend([up, ls, down, big_up, big_down]);
        Ok(())
    }

    /// Upload of N files of `size` bytes (each client into its own remote directory), then
    /// optionally `ls` of that directory, then the download of its files.
    #[allow(clippy::too_many_arguments)]
    fn transfer_point(
        &self,
        vf: &str,
        base: &Path,
        n: usize,
        size: usize,
        sz: &ScaleSizes,
        [up, down]: [&mut Curve; 2],
        ls: Option<&mut Curve>,
    ) -> Result<()> {
        let tag = format!("{n}x{size}");
        // Same files under two names: each client uploads its own remote directory.
        let names = make_files(&base.join(format!("rs-{tag}")), n, size, n as u64)?;
        make_files(&base.join(format!("py-{tag}")), n, size, n as u64)?;
        let rounds = if n * size >= 100 << 20 || n >= 1000 {
            1
        } else {
            sz.rounds
        };
        let mk_up = |who: &str, c: Option<Cmd>| -> Option<MakeCmds<'static>> {
            let mut c = c?.timeout(sz.timeout);
            let dir = format!("{who}-{tag}");
            c.argv.extend(
                ["vfolder", "upload", "-r", vf, &dir, "-b"]
                    .map(String::from)
                    .into_iter()
                    .chain([base.display().to_string()]),
            );
            Some(Box::new(move |_| Ok(vec![c.clone()])))
        };
        let ours = mk_up("rs", Some(self.bai(&[]))).expect("ours exists");
        // One round: Python refuses to upload over files that exist (400), so a second round
        // would measure an error.
        self.scale_point(up, n, 1, ours, mk_up("py", self.py(&[])))?;
        throughput_note(up, n, size);
        if n == *sz.small_files.last().unwrap_or(&0) && size <= 1024 {
            self.open_ceiling_note(up, vf, n)?;
        }

        if let Some(ls) = ls {
            let mk_ls = |who: &str, c: Option<Cmd>| -> Option<MakeCmds<'static>> {
                let mut c = c?.timeout(sz.timeout);
                c.argv.extend([
                    "vfolder".into(),
                    "ls".into(),
                    vf.into(),
                    format!("{who}-{tag}"),
                ]);
                Some(Box::new(move |_| Ok(vec![c.clone()])))
            };
            let ours = mk_ls("rs", Some(self.bai(&[]))).expect("ours exists");
            self.scale_point(
                ls,
                n,
                rounds.max(sz.rounds),
                ours,
                mk_ls("py", self.py(&[])),
            )?;
        }

        let dst = base.join("dst");
        let mk_down = |who: &'static str, c: Option<Cmd>| -> Option<MakeCmds<'static>> {
            let mut c = c?.timeout(sz.timeout);
            let into = dst.join(who);
            // The remote directory's local twin exists beforehand: Python does not create it.
            let sub = into.join(format!("{who}-{tag}"));
            c.argv
                .extend(["vfolder".into(), "download".into(), vf.into()]);
            c.argv
                .extend(names.iter().map(|f| format!("{who}-{tag}/{f}")));
            c.argv.extend(["-b".into(), into.display().to_string()]);
            Some(Box::new(move |_| {
                let _ = std::fs::remove_dir_all(&into);
                std::fs::create_dir_all(&sub)?;
                Ok(vec![c.clone()])
            }))
        };
        let ours = mk_down("rs", Some(self.bai(&[]))).expect("ours exists");
        self.scale_point(down, n, rounds, ours, mk_down("py", self.py(&[])))?;
        throughput_note(down, n, size);
        // The downloads must be complete: count the files that arrived with the right size.
        for who in ["rs", "py"] {
            let dir = dst.join(who).join(format!("{who}-{tag}"));
            if !dir.exists() {
                continue;
            }
            let ok = names
                .iter()
                .filter(|f| std::fs::metadata(dir.join(f)).is_ok_and(|m| m.len() == size as u64))
                .count();
            if ok != n {
                down.notes
                    .push(format!("{n} files: {who} downloaded {ok} of {n} intact"));
            }
        }
        let _ = std::fs::remove_dir_all(&dst);
        let _ = std::fs::remove_dir_all(base.join(format!("rs-{tag}")));
        let _ = std::fs::remove_dir_all(base.join(format!("py-{tag}")));
        Ok(())
    }
}

impl Bench {
    /// Every uploaded file costs one `request-upload` at the manager, whatever the client.
    /// Measures how many the manager answers per second (16 in flight, nothing uploaded) and
    /// notes it beside the files per second both clients reached at `n` files: the ceiling
    /// the small-file upload curve runs into.
    fn open_ceiling_note(&self, up: &mut Curve, vf: &str, n: usize) -> Result<()> {
        let calls = 500;
        let client = self.sdk_client()?;
        let started = std::time::Instant::now();
        let failed = self.rt.block_on(async {
            let vfolders = client.vfolders();
            let jobs = (0..calls).map(|i| {
                let vfolders = &vfolders;
                async move {
                    vfolders
                        .request_upload(vf, &format!("ceiling/f{i}.bin"), 1)
                        .await
                        .is_err()
                }
            });
            futures_util::stream::iter(jobs)
                .buffer_unordered(16)
                .filter(|failed| std::future::ready(*failed))
                .count()
                .await
        });
        let per_s = calls as f64 / started.elapsed().as_secs_f64();
        let p = up.points.last();
        let rate = |s: Option<super::report::Stats>| {
            s.map(|s| format!("{:.0}", n as f64 / (s.median / 1e3)))
                .unwrap_or_else(|| "–".into())
        };
        up.notes.push(format!(
            "ceiling: the manager answered {per_s:.0} `request-upload` calls a second ({calls} \
             calls, 16 in flight, {failed} failed); files a second at {n} files: ours {}, \
             Python {}",
            rate(p.and_then(|p| p.ours)),
            rate(p.and_then(|p| p.python)),
        ));
        Ok(())
    }
}

/// Adds the throughput of the curve's last point (medians) to its notes.
fn throughput_note(c: &mut Curve, n: usize, size: usize) {
    let Some(p) = c.points.last() else { return };
    let mib = (n * size) as f64 / MIB;
    let rate = |s: Option<super::report::Stats>| {
        s.map(|s| format!("{:.1} MiB/s", mib / (s.median / 1e3)))
            .unwrap_or_else(|| "–".into())
    };
    c.notes.push(format!(
        "{n} files: throughput ours {}, Python {}",
        rate(p.ours),
        rate(p.python)
    ));
}
