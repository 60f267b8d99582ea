//! RFC 6455 framing for the relay's client side, done on the relay's own buffers.
//!
//! A general WebSocket library copies every outgoing payload into its write buffer (to put
//! the header in front and mask it) and zero-fills its read buffer; a relay does not need
//! either. Here an outgoing frame is the read buffer itself: the local read lands after
//! [`HEADROOM`] spare bytes, the header is written into the end of that headroom and the
//! payload is masked in place, so one `write` sends header and payload without a copy.
//! Incoming payloads are streamed to the local side straight from the socket read buffer,
//! without assembling messages, so a frame of any size needs no more memory than one read.

use std::fmt;

/// Spare bytes kept in front of an outgoing payload: the longest client header (2 + 8-byte
/// length + 4-byte mask key).
pub(crate) const HEADROOM: usize = 14;

/// Frame opcodes (RFC 6455 §5.2).
pub(crate) mod op {
    pub const CONTINUATION: u8 = 0x0;
    pub const TEXT: u8 = 0x1;
    pub const BINARY: u8 = 0x2;
    pub const CLOSE: u8 = 0x8;
    pub const PING: u8 = 0x9;
    pub const PONG: u8 = 0xA;
}

/// Longest payload of a control frame (RFC 6455 §5.5).
pub(crate) const MAX_CONTROL: usize = 125;

/// A frame the server must not send (the connection is failed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProtocolError(pub &'static str);

impl fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WebSocket protocol error: {}", self.0)
    }
}

/// The header of a client (masked) frame with `len` payload bytes: the bytes and how many
/// of them are used.
pub(crate) fn client_header(opcode: u8, len: usize, key: [u8; 4]) -> ([u8; HEADROOM], usize) {
    let mut h = [0u8; HEADROOM];
    h[0] = 0x80 | opcode;
    let mut at = 2;
    if len < 126 {
        h[1] = 0x80 | len as u8;
    } else if let Ok(len16) = u16::try_from(len) {
        h[1] = 0x80 | 126;
        h[2..4].copy_from_slice(&len16.to_be_bytes());
        at = 4;
    } else {
        h[1] = 0x80 | 127;
        h[2..10].copy_from_slice(&(len as u64).to_be_bytes());
        at = 10;
    }
    h[at..at + 4].copy_from_slice(&key);
    (h, at + 4)
}

/// Turns `buf` = [`HEADROOM`] spare bytes + payload into a masked client frame in place and
/// returns the range of `buf` to send.
pub(crate) fn frame_in_place(buf: &mut [u8], opcode: u8, key: [u8; 4]) -> std::ops::Range<usize> {
    let (payload_start, len) = (HEADROOM, buf.len() - HEADROOM);
    let (header, n) = client_header(opcode, len, key);
    let start = payload_start - n;
    buf[start..payload_start].copy_from_slice(&header[..n]);
    apply_mask(&mut buf[payload_start..], key, 0);
    start..buf.len()
}

/// XORs `data` with the mask `key`, as if `data` started `offset` bytes into the payload
/// (a payload can arrive split over several reads).
pub(crate) fn apply_mask(data: &mut [u8], key: [u8; 4], offset: u64) {
    let shift = (offset % 4) as usize;
    let key = [
        key[shift],
        key[(shift + 1) % 4],
        key[(shift + 2) % 4],
        key[(shift + 3) % 4],
    ];
    // Eight bytes at a time: the compiler vectorizes this loop.
    let wide = u64::from_ne_bytes([
        key[0], key[1], key[2], key[3], key[0], key[1], key[2], key[3],
    ]);
    let mut chunks = data.chunks_exact_mut(8);
    for chunk in &mut chunks {
        let v = u64::from_ne_bytes(chunk.try_into().expect("chunks of 8")) ^ wide;
        chunk.copy_from_slice(&v.to_ne_bytes());
    }
    for (i, b) in chunks.into_remainder().iter_mut().enumerate() {
        *b ^= key[i % 4];
    }
}

/// A parsed frame header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Header {
    pub fin: bool,
    pub opcode: u8,
    pub mask: Option<[u8; 4]>,
    pub len: u64,
    /// Bytes of the header itself.
    pub header_len: usize,
}

impl Header {
    pub fn is_control(&self) -> bool {
        self.opcode & 0x8 != 0
    }
}

/// Parses the header at the start of `buf`; `Ok(None)` while it is incomplete.
pub(crate) fn parse_header(buf: &[u8]) -> Result<Option<Header>, ProtocolError> {
    let [b0, b1, ..] = *buf else {
        return Ok(None);
    };
    if b0 & 0x70 != 0 {
        return Err(ProtocolError(
            "reserved bits set (no extension was negotiated)",
        ));
    }
    let fin = b0 & 0x80 != 0;
    let opcode = b0 & 0x0f;
    if !matches!(
        opcode,
        op::CONTINUATION | op::TEXT | op::BINARY | op::CLOSE | op::PING | op::PONG
    ) {
        return Err(ProtocolError("unknown opcode"));
    }
    let masked = b1 & 0x80 != 0;
    let (len, mut at) = match b1 & 0x7f {
        126 => match buf.get(2..4) {
            Some(b) => (u64::from(u16::from_be_bytes([b[0], b[1]])), 4),
            None => return Ok(None),
        },
        127 => match buf.get(2..10) {
            Some(b) => {
                let len = u64::from_be_bytes(b.try_into().expect("8 bytes"));
                if len >> 63 != 0 {
                    return Err(ProtocolError("payload length has its top bit set"));
                }
                (len, 10)
            }
            None => return Ok(None),
        },
        n => (u64::from(n), 2),
    };
    let mask = if masked {
        let Some(k) = buf.get(at..at + 4) else {
            return Ok(None);
        };
        at += 4;
        Some([k[0], k[1], k[2], k[3]])
    } else {
        None
    };
    let header = Header {
        fin,
        opcode,
        mask,
        len,
        header_len: at,
    };
    if header.is_control() && (!fin || len > MAX_CONTROL as u64) {
        return Err(ProtocolError("fragmented or oversized control frame"));
    }
    Ok(Some(header))
}

/// The close code and reason of a close frame's payload (`None` for an empty payload).
pub(crate) fn close_payload(payload: &[u8]) -> Option<(u16, String)> {
    let code = payload.get(..2)?;
    Some((
        u16::from_be_bytes([code[0], code[1]]),
        String::from_utf8_lossy(&payload[2..]).into_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_round_trip_at_every_length_class() {
        let key = [1, 2, 3, 4];
        for (len, header_len) in [(0, 6), (125, 6), (126, 8), (65535, 8), (65536, 14)] {
            let (h, n) = client_header(op::BINARY, len, key);
            assert_eq!(n, header_len, "len {len}");
            let parsed = parse_header(&h[..n]).unwrap().unwrap();
            assert_eq!(
                parsed,
                Header {
                    fin: true,
                    opcode: op::BINARY,
                    mask: Some(key),
                    len: len as u64,
                    header_len,
                }
            );
            for cut in 0..n {
                assert_eq!(parse_header(&h[..cut]), Ok(None), "incomplete at {cut}");
            }
        }
    }

    #[test]
    fn mask_in_pieces_equals_mask_at_once() {
        let key = [0xde, 0xad, 0xbe, 0xef];
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7) as u8).collect();
        let mut whole = data.clone();
        apply_mask(&mut whole, key, 0);
        for (i, b) in whole.iter().enumerate() {
            assert_eq!(*b, data[i] ^ key[i % 4]);
        }
        let mut pieces = data.clone();
        let mut at = 0;
        for step in [1, 3, 8, 13, 100, 875] {
            apply_mask(&mut pieces[at..at + step], key, at as u64);
            at += step;
        }
        assert_eq!(pieces, whole);
    }

    #[test]
    fn frame_in_place_puts_the_header_right_before_the_masked_payload() {
        let payload = vec![7u8; 300];
        let mut buf = vec![0u8; HEADROOM];
        buf.extend_from_slice(&payload);
        let key = [9, 8, 7, 6];
        let range = frame_in_place(&mut buf, op::BINARY, key);
        let frame = &buf[range];
        let h = parse_header(frame).unwrap().unwrap();
        assert_eq!((h.len, h.header_len, h.mask), (300, 8, Some(key)));
        let mut body = frame[h.header_len..].to_vec();
        apply_mask(&mut body, key, 0);
        assert_eq!(body, payload);
    }

    #[test]
    fn bad_frames_are_refused() {
        assert!(
            parse_header(&[0xc2, 0x00]).is_err(),
            "RSV1 without extension"
        );
        assert!(parse_header(&[0x83, 0x00]).is_err(), "opcode 3");
        assert!(parse_header(&[0x09, 0x00]).is_err(), "fragmented ping");
        assert!(parse_header(&[0x89, 126, 0, 200]).is_err(), "ping over 125");
        let mut huge = vec![0x82, 127];
        huge.extend_from_slice(&u64::MAX.to_be_bytes());
        assert!(parse_header(&huge).is_err(), "64-bit length with top bit");
        assert_eq!(
            close_payload(&[0x03, 0xe8, b'o', b'k']),
            Some((1000, "ok".into()))
        );
        assert_eq!(close_payload(&[]), None);
    }
}
