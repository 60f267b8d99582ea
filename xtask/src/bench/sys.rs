//! Small operating-system helpers: unique tags, free ports, child clean-up, open-files limit.

use std::process::{Child, Command, Stdio};

use anyhow::Result;

/// A short hex tag that makes the names of objects created by one bench run unique.
pub(super) fn tag() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{:06x}",
        (nanos as u64 ^ (std::process::id() as u64) << 20) & 0xff_ffff
    )
}

pub(super) fn free_port() -> Result<u16> {
    let l = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(l.local_addr()?.port())
}

pub(super) fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// Raises this process's soft open-files limit to the hard limit (children inherit it): 1000
/// concurrent proxied connections need several thousand descriptors across the processes.
pub(super) fn raise_nofile() {
    let pid = std::process::id().to_string();
    let hard = std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|l| {
            l.lines()
                .find(|x| x.starts_with("Max open files"))
                .and_then(|x| x.split_whitespace().nth(4).map(str::to_owned))
        });
    if let Some(h) = hard {
        let _ = Command::new("prlimit")
            .args(["--pid", &pid, &format!("--nofile={h}:{h}")])
            .stderr(Stdio::null())
            .status();
    }
}
