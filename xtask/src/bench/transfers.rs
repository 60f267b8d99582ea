//! Scenario group `vfolder`: uploads and downloads of many small files and one big file, with
//! the storage proxy's in-process ceiling.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;

use super::paired::{Ceiling, MakeCmds, Side};
use super::proc::{self, Cmd};
use super::report::{Row, Unit};
use super::{storage, Bench, MIB, VFOLDER_HOST};

/// key, label, local base dir, file names, total bytes, in-memory data for the ceiling.
type XferCase<'a> = (
    &'static str,
    String,
    &'a Path,
    Vec<String>,
    f64,
    Vec<(bytes::Bytes, String)>,
);

/// Fills `buf` with cheap pseudo-random bytes (xorshift), so nothing compresses it.
fn fill_random(buf: &mut [u8], seed: u64) {
    let mut x = seed | 1;
    for chunk in buf.chunks_mut(8) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let b = x.to_le_bytes();
        chunk.copy_from_slice(&b[..chunk.len()]);
    }
}

impl Bench {
    pub(super) fn transfers(&mut self) -> Result<()> {
        let sec = "vfolder transfers (MiB/s, whole command incl. start-up)";
        let (n_small, big_mib): (usize, usize) = if self.opts.quick {
            (10, 64)
        } else {
            (100, 1024)
        };
        let rounds = if self.opts.quick { 1 } else { 3 };
        let vf = format!("bench-xfer-{}", self.tag);
        let create = proc::run(
            &self.bai(&["vfolder", "create", &vf, VFOLDER_HOST]),
            false,
            &self.scratch,
        )?;
        if !create.ok {
            self.skipped.push(format!(
                "vfolder transfers: cannot create a vfolder: {}",
                create.first_error_line()
            ));
            return Ok(());
        }
        let client = self.sdk_client()?;
        // Source files.
        let src = self.scratch.join("xfer-src");
        let small_dir = src.join("small");
        std::fs::create_dir_all(&small_dir)?;
        let mut small_data = Vec::new();
        let mut small_names = Vec::new();
        for i in 0..n_small {
            let mut buf = vec![0u8; 1 << 20];
            fill_random(&mut buf, 0x9e37_79b9_7f4a_7c15 ^ i as u64);
            let name = format!("f{i:03}.bin");
            std::fs::write(small_dir.join(&name), &buf)?;
            small_data.push((bytes::Bytes::from(buf), name.clone()));
            small_names.push(name);
        }
        let big_name = format!("big-{big_mib}m.bin");
        let big_bytes = {
            let mut buf = vec![0u8; big_mib << 20];
            fill_random(&mut buf, 0x1234_5678_9abc_def1);
            std::fs::write(src.join(&big_name), &buf)?;
            bytes::Bytes::from(buf)
        };
        let small_total = (n_small << 20) as f64;
        let big_total = (big_mib << 20) as f64;

        let cases: [XferCase<'_>; 2] = [
            (
                "small",
                format!("{n_small} × 1 MiB"),
                &small_dir,
                small_names.clone(),
                small_total,
                small_data,
            ),
            (
                "big",
                format!("1 × {big_mib} MiB"),
                &src,
                vec![big_name.clone()],
                big_total,
                vec![(big_bytes, big_name.clone())],
            ),
        ];
        for (key, label, base, names, total, data) in cases {
            // Upload.
            let mut row = Row::new(
                &format!("vf_up_{key}"),
                sec,
                &format!("upload {label}"),
                Unit::MiBs,
            );
            let mut args: Vec<String> = vec!["vfolder".into(), "upload".into(), vf.clone()];
            args.extend(names.iter().cloned());
            args.extend(["-b".into(), base.display().to_string()]);
            let argv: Vec<&str> = args.iter().map(String::as_str).collect();
            let ours = self.bai(&argv);
            let py = self.py(&argv);
            let mut sides = vec![Side::new(
                "ours",
                Box::new(move |_| Ok(vec![ours.clone()])) as MakeCmds<'_>,
            )];
            if let Some(p) = py {
                sides.push(Side::new("python", Box::new(move |_| Ok(vec![p.clone()]))));
            }
            let ceiling: Ceiling<'_> = Box::new(|_| {
                let t = Instant::now();
                self.rt.block_on(storage::upload(&client, &vf, &data))?;
                Ok(t.elapsed())
            });
            let value = move |d: Duration| total / MIB / d.as_secs_f64();
            self.paired(&mut row, rounds, false, &mut sides, Some(ceiling), &value)?;
            drop(sides);
            self.rows.push(row);

            // Download into fresh directories.
            let mut row = Row::new(
                &format!("vf_down_{key}"),
                sec,
                &format!("download {label}"),
                Unit::MiBs,
            );
            let dst = self.scratch.join("xfer-dst");
            let mk = |who: &'static str, base: Option<Cmd>| -> Option<MakeCmds<'_>> {
                let base = base?;
                let dir = dst.join(who);
                let names = names.clone();
                let vf = vf.clone();
                Some(Box::new(move |_| {
                    let _ = std::fs::remove_dir_all(&dir);
                    std::fs::create_dir_all(&dir)?;
                    let mut c = base.clone();
                    c.argv
                        .extend(["vfolder".into(), "download".into(), vf.clone()]);
                    c.argv.extend(names.iter().cloned());
                    c.argv.extend(["-b".into(), dir.display().to_string()]);
                    Ok(vec![c])
                }))
            };
            let mut sides = Vec::new();
            if let Some(m) = mk("ours", Some(self.bai(&[]))) {
                sides.push(Side::new("ours", m));
            }
            if let Some(m) = mk("python", self.py(&[])) {
                sides.push(Side::new("python", m));
            }
            let ceil_dir = dst.join("ceiling");
            let pairs: Vec<(String, PathBuf)> = names
                .iter()
                .map(|n| (n.clone(), ceil_dir.join(n)))
                .collect();
            let ceiling: Ceiling<'_> = Box::new(|_| {
                let _ = std::fs::remove_dir_all(&ceil_dir);
                std::fs::create_dir_all(&ceil_dir)?;
                let t = Instant::now();
                self.rt.block_on(storage::download(&client, &vf, &pairs))?;
                Ok(t.elapsed())
            });
            self.paired(&mut row, rounds, false, &mut sides, Some(ceiling), &value)?;
            drop(sides);
            // Check that the downloads are intact (sizes).
            for who in ["ours", "python", "ceiling"] {
                for n in &names {
                    let p = dst.join(who).join(n);
                    if let Ok(m) = std::fs::metadata(&p) {
                        let want = std::fs::metadata(base.join(n))?.len();
                        if m.len() != want {
                            row.notes
                                .push(format!("{who}: {n} has {} bytes, expected {want}", m.len()));
                        }
                    }
                }
            }
            let _ = std::fs::remove_dir_all(&dst);
            self.rows.push(row);
        }
        let _ = std::fs::remove_dir_all(&src);
        self.run_or_warn(&["vfolder", "delete", &vf]);
        Ok(())
    }
}
