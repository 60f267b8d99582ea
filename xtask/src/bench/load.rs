//! TCP load generator (tokio) for the app-proxy scenarios, plus a tiny echo server.
//!
//! Every measurement talks to an echo service: directly (the loopback ceiling) or through a
//! local relay (`bai app`, Python `backend.ai app`) that forwards to it.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Starts an echo server on 127.0.0.1 (ephemeral port) on the current runtime, with a
/// 1024-deep listen queue (the 1 000-connection burst must not measure SYN retransmits).
pub async fn echo_server() -> Result<SocketAddr> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.set_reuseaddr(true)?;
    socket.bind(([127, 0, 0, 1], 0).into())?;
    let listener = socket.listen(1024)?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            let _ = sock.set_nodelay(true);
            tokio::spawn(async move {
                let (mut r, mut w) = sock.split();
                let _ = tokio::io::copy(&mut r, &mut w).await;
                let _ = w.shutdown().await;
            });
        }
    });
    Ok(addr)
}

/// A plain TCP forwarder (no WebSocket): every connection accepted on `listener` is copied
/// both ways to `target` with 256 KiB buffers. Two of these in a chain are the cheapest
/// possible stand-in for "client relay + manager relay" and so bound what any relay can reach
/// on this machine.
pub async fn forward(listener: TcpListener, target: SocketAddr) -> Result<()> {
    loop {
        let (mut inbound, _) = listener.accept().await?;
        tokio::spawn(async move {
            let _ = inbound.set_nodelay(true);
            if let Ok(mut outbound) = connect(target).await {
                let _ = tokio::io::copy_bidirectional_with_sizes(
                    &mut inbound,
                    &mut outbound,
                    256 * 1024,
                    256 * 1024,
                )
                .await;
            }
        });
    }
}

async fn connect(addr: SocketAddr) -> Result<TcpStream> {
    let s = TcpStream::connect(addr)
        .await
        .with_context(|| format!("connect {addr}"))?;
    s.set_nodelay(true)?;
    Ok(s)
}

/// Waits until `addr` accepts connections *and* echoes one small message (a relay that is
/// listening but cannot reach its target does not count as ready).
pub async fn wait_ready(addr: SocketAddr, timeout: Duration) -> Result<()> {
    let deadline = Instant::now() + timeout;
    let mut last = String::from("not tried");
    while Instant::now() < deadline {
        match tokio::time::timeout(Duration::from_secs(10), round_trip(addr, 16)).await {
            Ok(Ok(_)) => return Ok(()),
            Ok(Err(e)) => last = format!("{e:#}"),
            Err(_) => last = "echo timed out".into(),
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    bail!("{addr} not ready after {timeout:?}: {last}")
}

async fn round_trip(addr: SocketAddr, size: usize) -> Result<Duration> {
    let t = Instant::now();
    let mut s = connect(addr).await?;
    let msg = vec![b'x'; size];
    s.write_all(&msg).await?;
    let mut back = vec![0u8; size];
    s.read_exact(&mut back).await.context("reading echo")?;
    if back != msg {
        bail!("echo mismatch");
    }
    Ok(t.elapsed())
}

/// Sends `total` bytes on one connection while reading the echo; returns the time from
/// connect until the last byte came back.
pub async fn bulk(addr: SocketAddr, total: u64) -> Result<Duration> {
    let start = Instant::now();
    let s = connect(addr).await?;
    let (mut r, mut w) = s.into_split();
    let writer = tokio::spawn(async move {
        let chunk = vec![0x5au8; 256 * 1024];
        let mut left = total;
        while left > 0 {
            let n = left.min(chunk.len() as u64) as usize;
            w.write_all(&chunk[..n]).await?;
            left -= n as u64;
        }
        w.flush().await?;
        Ok::<_, std::io::Error>(w)
    });
    let mut buf = vec![0u8; 256 * 1024];
    let mut got = 0u64;
    while got < total {
        let n = r.read(&mut buf).await?;
        if n == 0 {
            bail!("connection closed after {got} of {total} bytes");
        }
        got += n as u64;
    }
    let elapsed = start.elapsed();
    let _w = writer.await??;
    Ok(elapsed)
}

/// `n` request/response round trips of `size` bytes on one connection (after 50 warm-up
/// round trips); returns each round trip's latency.
pub async fn latency(addr: SocketAddr, n: usize, size: usize) -> Result<Vec<Duration>> {
    let mut s = connect(addr).await?;
    let msg = vec![b'p'; size];
    let mut back = vec![0u8; size];
    let mut out = Vec::with_capacity(n);
    for i in 0..n + 50 {
        let t = Instant::now();
        s.write_all(&msg).await?;
        s.read_exact(&mut back).await.context("reading echo")?;
        if i >= 50 {
            out.push(t.elapsed());
        }
    }
    Ok(out)
}

/// Holds `n` connections open at the same time, each doing one 64-byte round trip; returns
/// the total time (connect all, then all round trips concurrently) and the number of failed
/// connections. At most 64 connects are in flight at once: bursts of several hundred SYNs on
/// loopback hit kernel queue limits and 1 s SYN retransmits, which would measure the kernel
/// rather than the relay.
pub async fn concurrent(
    addr: SocketAddr,
    n: usize,
    timeout: Duration,
) -> Result<(Duration, usize)> {
    let (d, failed, _streams) = hold(addr, n, timeout).await?;
    Ok((d, failed))
}

/// [`concurrent`], keeping the connections that worked open (returned) for more tests.
pub async fn hold(
    addr: SocketAddr,
    n: usize,
    timeout: Duration,
) -> Result<(Duration, usize, Vec<TcpStream>)> {
    let start = Instant::now();
    let mut failed = 0;
    let mut streams = Vec::with_capacity(n);
    let mut pending = tokio::task::JoinSet::new();
    let mut launched = 0;
    while launched < n || !pending.is_empty() {
        while launched < n && pending.len() < 64 {
            pending.spawn(async move { tokio::time::timeout(timeout, connect(addr)).await });
            launched += 1;
        }
        match pending.join_next().await {
            Some(Ok(Ok(Ok(s)))) => streams.push(s),
            Some(_) => failed += 1,
            None => break,
        }
    }
    let mut tasks = Vec::with_capacity(streams.len());
    for mut s in streams {
        tasks.push(tokio::spawn(async move {
            tokio::time::timeout(timeout, async move {
                let msg = [b'c'; 64];
                s.write_all(&msg).await?;
                let mut back = [0u8; 64];
                s.read_exact(&mut back).await?;
                if back != msg {
                    bail!("echo mismatch");
                }
                Ok(s)
            })
            .await
        }));
    }
    let mut open = Vec::with_capacity(tasks.len());
    for t in tasks {
        match t.await {
            Ok(Ok(Ok(s))) => open.push(s),
            _ => failed += 1,
        }
    }
    Ok((start.elapsed(), failed, open))
}

/// `samples` sequential 64-byte round trips, spread round-robin over the open `streams`
/// (the others stay idle); returns each round trip's latency.
pub async fn sampled_latency(streams: &mut [TcpStream], samples: usize) -> Result<Vec<Duration>> {
    let mut out = Vec::with_capacity(samples);
    if streams.is_empty() {
        return Ok(out);
    }
    let msg = [b's'; 64];
    let mut back = [0u8; 64];
    let step = (streams.len() / samples.max(1)).max(1);
    for i in 0..samples {
        let s = &mut streams[(i * step) % streams.len()];
        let t = Instant::now();
        s.write_all(&msg).await?;
        s.read_exact(&mut back).await.context("reading echo")?;
        out.push(t.elapsed());
    }
    Ok(out)
}

/// The `q`-quantile (0..=1) of the latencies, in microseconds.
pub fn quantile_us(lat: &[Duration], q: f64) -> f64 {
    if lat.is_empty() {
        return f64::NAN;
    }
    let mut v: Vec<f64> = lat.iter().map(|d| d.as_secs_f64() * 1e6).collect();
    v.sort_by(|a, b| a.total_cmp(b));
    let idx = ((v.len() - 1) as f64 * q).round() as usize;
    v[idx.min(v.len() - 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_generator_against_local_echo() {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let addr = echo_server().await.unwrap();
            wait_ready(addr, Duration::from_secs(5)).await.unwrap();
            let d = bulk(addr, 4 << 20).await.unwrap();
            assert!(d > Duration::ZERO);
            let lat = latency(addr, 100, 64).await.unwrap();
            assert_eq!(lat.len(), 100);
            assert!(quantile_us(&lat, 0.5) <= quantile_us(&lat, 0.99));
            let (_, failed) = concurrent(addr, 50, Duration::from_secs(10)).await.unwrap();
            assert_eq!(failed, 0);
        });
    }
}
