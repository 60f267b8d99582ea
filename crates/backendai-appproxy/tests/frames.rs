//! The relay's own frame path against an independent WebSocket server (tungstenite in the
//! server role, which refuses unmasked client frames): fragmented and interleaved messages,
//! every length class, large frames both ways, pings, text frames, close codes, half-close.

use std::time::Duration;

use backendai_appproxy::{relay, RelayError, RelayOptions, Transferred, WsConn};
use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::protocol::frame::coding::{CloseCode, Data, OpCode};
use tokio_tungstenite::tungstenite::protocol::frame::{CloseFrame, Frame};
use tokio_tungstenite::tungstenite::protocol::Role;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

type Server = WebSocketStream<DuplexStream>;

/// A relay between a local duplex (returned) and a tungstenite server (returned).
async fn setup(
    options: RelayOptions,
) -> (
    DuplexStream,
    Server,
    JoinHandle<Result<Transferred, RelayError>>,
) {
    let (client_io, server_io) = tokio::io::duplex(256 * 1024);
    let (local_peer, local) = tokio::io::duplex(256 * 1024);
    let server = WebSocketStream::from_raw_socket(server_io, Role::Server, None).await;
    let task = tokio::spawn(async move { relay(local, WsConn::new(client_io), &options).await });
    (local_peer, server, task)
}

fn pattern(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u32).wrapping_mul(31).wrapping_add(seed as u32) as u8)
        .collect()
}

fn frame(data: &[u8], opcode: OpCode, fin: bool) -> Message {
    Message::Frame(Frame::message(data.to_vec(), opcode, fin))
}

const BIN: OpCode = OpCode::Data(Data::Binary);
const CONT: OpCode = OpCode::Data(Data::Continue);

/// Reads from the server until `len` payload bytes of binary messages arrived, answering
/// nothing; returns them and the number of messages.
async fn server_read(server: &mut Server, len: usize) -> (Vec<u8>, usize) {
    let mut got = Vec::new();
    let mut messages = 0;
    while got.len() < len {
        match server
            .next()
            .await
            .expect("stream open")
            .expect("valid frame")
        {
            Message::Binary(b) => {
                got.extend_from_slice(&b);
                messages += 1;
            }
            Message::Pong(_) | Message::Ping(_) => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    (got, messages)
}

#[tokio::test]
async fn fragmented_interleaved_and_text_frames_arrive_as_the_binary_payload_only() {
    let (mut local, mut server, task) = setup(RelayOptions::default()).await;
    let (a, b, c) = (pattern(10, 1), pattern(300, 2), pattern(70_000, 3));
    server.send(frame(&a, BIN, false)).await.unwrap();
    // A ping and a pong between fragments (control frames may interleave).
    server
        .send(Message::Ping(b"are you there".to_vec().into()))
        .await
        .unwrap();
    server.send(Message::Pong(Vec::new().into())).await.unwrap();
    server.send(frame(&b, CONT, false)).await.unwrap();
    server.send(frame(&c, CONT, true)).await.unwrap();
    // A fragmented text message: dropped entirely, continuation included.
    server
        .send(frame(b"text", OpCode::Data(Data::Text), false))
        .await
        .unwrap();
    server.send(frame(b" more", CONT, true)).await.unwrap();
    // An empty binary frame, then one more.
    server
        .send(Message::Binary(Vec::new().into()))
        .await
        .unwrap();
    server
        .send(Message::Binary(b"tail".to_vec().into()))
        .await
        .unwrap();

    let mut want = [a, b, c].concat();
    want.extend_from_slice(b"tail");
    let mut got = vec![0u8; want.len()];
    local.read_exact(&mut got).await.unwrap();
    assert!(got == want, "payload bytes differ");

    // The ping is answered with its payload, as a masked frame the server accepts.
    match server.next().await.unwrap().unwrap() {
        Message::Pong(p) => assert_eq!(&p[..], b"are you there"),
        other => panic!("expected a pong, got {other:?}"),
    }

    server.send(Message::Close(None)).await.unwrap();
    let t = tokio::time::timeout(Duration::from_secs(10), task)
        .await
        .expect("relay ends after the server's close")
        .unwrap()
        .unwrap();
    assert_eq!(t.down, want.len() as u64);
    // Our close reply reaches the server.
    let mut saw_close = false;
    while let Some(Ok(m)) = server.next().await {
        saw_close |= matches!(m, Message::Close(_));
    }
    assert!(saw_close, "the server's close was answered");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn large_frames_both_ways_are_masked_and_byte_exact() {
    let (local, server, task) = setup(RelayOptions::default()).await;
    let up = pattern(9 * 1024 * 1024 + 7, 5);
    let down = pattern(5 * 1024 * 1024 + 3, 9);
    let (mut lr, mut lw) = tokio::io::split(local);
    let up2 = up.clone();
    let writer = tokio::spawn(async move {
        lw.write_all(&up2).await.unwrap();
        lw
    });
    let reader = tokio::spawn(async move {
        let mut got = vec![0u8; 5 * 1024 * 1024 + 3];
        lr.read_exact(&mut got).await.unwrap();
        (lr, got)
    });
    // One 5 MiB frame (64-bit length) down, while the 9 MiB go up.
    let (mut sink, mut stream) = server.split();
    let down2 = down.clone();
    let send = tokio::spawn(async move {
        sink.send(Message::Binary(down2.into())).await.unwrap();
        sink
    });
    let mut got_up = Vec::new();
    let mut frames = 0;
    while got_up.len() < up.len() {
        match stream.next().await.unwrap().unwrap() {
            Message::Binary(b) => {
                got_up.extend_from_slice(&b);
                frames += 1;
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    assert!(got_up == up, "upstream bytes differ");
    assert!(frames > 1, "a bulk upload is cut into frames");
    let (_lr, got_down) = reader.await.unwrap();
    assert!(got_down == down, "downstream bytes differ");
    let mut sink = send.await.unwrap();
    let _lw = writer.await.unwrap();
    sink.send(Message::Close(Some(CloseFrame {
        code: CloseCode::Normal,
        reason: "".into(),
    })))
    .await
    .unwrap();
    let t = tokio::time::timeout(Duration::from_secs(10), task)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!((t.up, t.down), (up.len() as u64, down.len() as u64));
}

#[tokio::test]
async fn half_close_lets_the_answer_through_then_closes() {
    let options = RelayOptions {
        linger: Duration::from_millis(200),
        ..RelayOptions::default()
    };
    let (mut local, mut server, task) = setup(options).await;
    local.write_all(b"GET / HTTP/1.0\r\n\r\n").await.unwrap();
    local.shutdown().await.unwrap();
    let (req, _) = server_read(&mut server, 18).await;
    assert_eq!(req, b"GET / HTTP/1.0\r\n\r\n");
    // The app answers after the local side stopped writing: still relayed.
    let answer = pattern(100_000, 7);
    server
        .send(Message::Binary(answer.clone().into()))
        .await
        .unwrap();
    let mut got = vec![0u8; answer.len()];
    local.read_exact(&mut got).await.unwrap();
    assert!(got == answer);
    // Quiet for the linger: the relay sends its close frame (code 1000); we answer it.
    match tokio::time::timeout(Duration::from_secs(5), server.next())
        .await
        .expect("close within the linger")
        .unwrap()
        .unwrap()
    {
        Message::Close(Some(f)) => assert_eq!(f.code, CloseCode::Normal),
        other => panic!("expected a close frame, got {other:?}"),
    }
    // Polling on flushes tungstenite's automatic close reply.
    while let Some(Ok(_)) = server.next().await {}
    let t = tokio::time::timeout(Duration::from_secs(3), task)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!((t.up, t.down), (18, 100_000));
    let mut rest = Vec::new();
    local.read_to_end(&mut rest).await.unwrap();
    assert!(rest.is_empty(), "the local side sees EOF");
}

#[tokio::test]
async fn an_error_close_code_ends_the_relay_with_its_reason() {
    let (mut local, mut server, task) = setup(RelayOptions::default()).await;
    server
        .send(Message::Binary(b"partial".to_vec().into()))
        .await
        .unwrap();
    server
        .send(Message::Close(Some(CloseFrame {
            code: CloseCode::Error,
            reason: "app crashed".into(),
        })))
        .await
        .unwrap();
    let err = tokio::time::timeout(Duration::from_secs(5), task)
        .await
        .unwrap()
        .unwrap()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "websocket: closed with code 1011: app crashed"
    );
    let mut got = Vec::new();
    local.read_to_end(&mut got).await.unwrap();
    assert_eq!(got, b"partial");
}

#[tokio::test]
async fn a_frame_split_across_every_byte_boundary_still_parses() {
    // Raw server bytes written one at a time: headers and payloads cut everywhere.
    let (client_io, mut server_io) = tokio::io::duplex(64);
    let (mut local_peer, local) = tokio::io::duplex(64 * 1024);
    let task = tokio::spawn(async move {
        relay(local, WsConn::new(client_io), &RelayOptions::default()).await
    });
    let payload = pattern(300, 4);
    let mut wire = vec![0x82, 126, 0x01, 0x2c];
    wire.extend_from_slice(&payload);
    wire.extend_from_slice(&[0x88, 0x02, 0x03, 0xe8]);
    for b in &wire {
        server_io.write_all(&[*b]).await.unwrap();
        tokio::task::yield_now().await;
    }
    let mut got = vec![0u8; 300];
    local_peer.read_exact(&mut got).await.unwrap();
    assert_eq!(got, payload);
    let t = tokio::time::timeout(Duration::from_secs(5), task)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(t.down, 300);
}

#[tokio::test]
async fn a_frame_right_behind_the_handshake_is_not_lost() {
    let (client_io, mut server_io) = tokio::io::duplex(1024);
    let (mut local_peer, local) = tokio::io::duplex(1024);
    // The handshake read "hello" and the start of the next frame along with the 101 answer.
    let read_ahead = [0x82, 0x05, b'h', b'e', b'l', b'l', b'o', 0x82];
    let task = tokio::spawn(async move {
        relay(
            local,
            WsConn::with_read_ahead(client_io, &read_ahead),
            &RelayOptions::default(),
        )
        .await
    });
    server_io
        .write_all(&[0x03, b'!', b'!', b'!', 0x88, 0x00])
        .await
        .unwrap();
    let mut got = vec![0u8; 8];
    local_peer.read_exact(&mut got).await.unwrap();
    assert_eq!(&got, b"hello!!!");
    let t = tokio::time::timeout(Duration::from_secs(5), task)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(t.down, 8);
}

#[tokio::test]
async fn protocol_errors_from_the_server_end_the_relay() {
    let (client_io, mut server_io) = tokio::io::duplex(1024);
    let (_local_peer, local) = tokio::io::duplex(1024);
    let task = tokio::spawn(async move {
        relay(local, WsConn::new(client_io), &RelayOptions::default()).await
    });
    // RSV1 set without a negotiated extension.
    server_io.write_all(&[0xc2, 0x00]).await.unwrap();
    let err = tokio::time::timeout(Duration::from_secs(5), task)
        .await
        .unwrap()
        .unwrap()
        .unwrap_err();
    assert!(err.to_string().contains("reserved bits"), "{err}");
}
