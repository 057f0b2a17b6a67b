//! Webex ids: unpadded base64url encodings of `ciscospark://<cluster>/<TYPE>/<local id>`.

use std::fmt;
use std::hash::{Hash, Hasher};

use base64::Engine;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

use crate::error::{Error, ErrorCode};

const SCHEME: &str = "ciscospark://";

// Decoders in the wild accept padding or not and ignore the unused low bits of the last
// character, so ids carrying those circulate; they decode here and are reported as not canonical.
const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_encode_padding(false)
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_decode_allow_trailing_bits(true);
const URL_SAFE: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);
const STANDARD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);

/// The type of object a field's id is expected to name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IdType {
    /// A person: `PEOPLE`, or the widget's own `PERSON`.
    People,
    /// A space: `ROOM`.
    Room,
    /// A message: `MESSAGE`.
    Message,
    /// A membership: `MEMBERSHIP`.
    Membership,
    /// A team: `TEAM`.
    Team,
    /// Any type.
    Any,
}

impl IdType {
    /// Whether an id whose URI type is `ty` fits this expectation.
    pub fn accepts(self, ty: &str) -> bool {
        match self {
            IdType::People => ty == "PEOPLE" || ty == "PERSON",
            IdType::Room => ty == "ROOM",
            IdType::Message => ty == "MESSAGE",
            IdType::Membership => ty == "MEMBERSHIP",
            IdType::Team => ty == "TEAM",
            IdType::Any => true,
        }
    }

    /// The URI type this expectation names, e.g. `PEOPLE`.
    pub fn name(self) -> &'static str {
        match self {
            IdType::People => "PEOPLE",
            IdType::Room => "ROOM",
            IdType::Message => "MESSAGE",
            IdType::Membership => "MEMBERSHIP",
            IdType::Team => "TEAM",
            IdType::Any => "any",
        }
    }
}

/// A decoded Webex id.
///
/// Two ids are equal when they name the same object: same type and same local id, whatever
/// their clusters (the widget writes `us` where the REST API writes the real cluster) and
/// whatever their encodings.
#[derive(Clone, Debug)]
pub struct WebexId {
    uri: String,
    // Byte ranges of the parts inside `uri`.
    cluster: (usize, usize),
    ty: (usize, usize),
    local: (usize, usize),
    canonical: bool,
}

impl WebexId {
    /// Decodes an id: base64url or standard base64, padded or not, with or without non-zero
    /// trailing bits. Fails with [`ErrorCode::InvalidValue`] when the text is not base64 or
    /// does not decode to a `ciscospark://<cluster>/<TYPE>/<local id>` URI.
    pub fn parse(encoded: &str) -> Result<WebexId, Error> {
        let mut buf = Vec::new();
        let canonical = match decode(encoded, &mut buf) {
            Decoded::Ok { canonical } => canonical,
            Decoded::Malformed(reason) => {
                return Err(Error::new(
                    ErrorCode::InvalidValue,
                    format!("not a Webex id: {reason}"),
                ));
            }
        };
        let uri = String::from_utf8(buf).map_err(|_| {
            Error::new(
                ErrorCode::InvalidValue,
                "not a Webex id: decodes to invalid UTF-8",
            )
        })?;
        WebexId::from_uri_parts(uri, canonical)
    }

    /// The id of `ciscospark://<cluster>/<ty>/<local_id>`. Fails with
    /// [`ErrorCode::InvalidValue`] when a part is empty or `cluster`/`ty` hold a `/`.
    pub fn new(cluster: &str, ty: &str, local_id: &str) -> Result<WebexId, Error> {
        WebexId::from_uri_parts(format!("{SCHEME}{cluster}/{ty}/{local_id}"), true)
    }

    fn from_uri_parts(uri: String, canonical: bool) -> Result<WebexId, Error> {
        let Some((cluster, ty, local)) = split_uri(&uri) else {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                "not a Webex id: not a ciscospark://<cluster>/<TYPE>/<local id> URI",
            ));
        };
        Ok(WebexId {
            cluster,
            ty,
            local,
            canonical,
            uri,
        })
    }

    /// The decoded URI, e.g. `ciscospark://us/PEOPLE/1f7de5cb-...`.
    pub fn uri(&self) -> &str {
        &self.uri
    }

    /// The cluster, e.g. `us` or `urn:TEAM:eu-central-1_k`.
    pub fn cluster(&self) -> &str {
        &self.uri[self.cluster.0..self.cluster.1]
    }

    /// The object type, e.g. `PEOPLE`, `ROOM`; unknown types are kept as they are.
    pub fn id_type(&self) -> &str {
        &self.uri[self.ty.0..self.ty.1]
    }

    /// The local id, usually a UUID (but `<uuid>:<uuid>` for memberships, and so on).
    pub fn local_id(&self) -> &str {
        &self.uri[self.local.0..self.local.1]
    }

    /// Whether the text it was parsed from was the canonical encoding (unpadded base64url
    /// with zero trailing bits).
    pub fn was_canonical(&self) -> bool {
        self.canonical
    }

    /// The canonical encoding: unpadded base64url.
    pub fn encode(&self) -> String {
        URL_SAFE.encode(self.uri.as_bytes())
    }
}

impl PartialEq for WebexId {
    fn eq(&self, other: &WebexId) -> bool {
        self.id_type() == other.id_type() && self.local_id() == other.local_id()
    }
}

impl Eq for WebexId {}

impl Hash for WebexId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id_type().hash(state);
        self.local_id().hash(state);
    }
}

impl fmt::Display for WebexId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.encode())
    }
}

type Range = (usize, usize);

fn split_uri(uri: &str) -> Option<(Range, Range, Range)> {
    let rest = uri.strip_prefix(SCHEME)?;
    let base = SCHEME.len();
    let cluster_end = rest.find('/')?;
    let after_cluster = &rest[cluster_end + 1..];
    let ty_end = after_cluster.find('/')?;
    let ty_start = base + cluster_end + 1;
    let local_start = ty_start + ty_end + 1;
    if cluster_end == 0 || ty_end == 0 || local_start == uri.len() {
        return None;
    }
    Some((
        (base, base + cluster_end),
        (ty_start, ty_start + ty_end),
        (local_start, uri.len()),
    ))
}

enum Decoded {
    Ok { canonical: bool },
    Malformed(&'static str),
}

fn decode(encoded: &str, out: &mut Vec<u8>) -> Decoded {
    let bytes = encoded.as_bytes();
    let standard = bytes.iter().any(|&b| b == b'+' || b == b'/');
    let padded = bytes.last() == Some(&b'=');
    let engine = if standard { &STANDARD } else { &URL_SAFE };
    if bytes.is_empty() {
        return Decoded::Malformed("empty");
    }
    // A UUID is valid base64url too, but decodes to noise: name it for what it is.
    if is_bare_uuid(encoded) {
        return Decoded::Malformed("a bare UUID");
    }
    if engine.decode_vec(bytes, out).is_err() {
        return Decoded::Malformed("not base64");
    }
    let canonical = !standard && !padded && !has_trailing_bits(bytes);
    Decoded::Ok { canonical }
}

/// Decodes into `buf` when the id is well-formed and fits; `None` sends the caller to the
/// general path (which also explains what is wrong).
fn decode_into<'b>(encoded: &str, buf: &'b mut [u8]) -> Option<(bool, &'b [u8])> {
    let bytes = encoded.as_bytes();
    let standard = bytes.iter().any(|&b| b == b'+' || b == b'/');
    let engine = if standard { &STANDARD } else { &URL_SAFE };
    if bytes.is_empty() || bytes.len() / 4 * 3 + 3 > buf.len() {
        return None;
    }
    let len = engine.decode_slice(bytes, buf).ok()?;
    let canonical = !standard && bytes.last() != Some(&b'=') && !has_trailing_bits(bytes);
    Some((canonical, &buf[..len]))
}

/// Whether the last character of an unpadded base64 text carries bits past the data.
fn has_trailing_bits(bytes: &[u8]) -> bool {
    let data = bytes
        .iter()
        .rposition(|&b| b != b'=')
        .map_or(&bytes[..0], |i| &bytes[..=i]);
    let Some(&last) = data.last() else {
        return false;
    };
    let value = match last {
        b'A'..=b'Z' => last - b'A',
        b'a'..=b'z' => last - b'a' + 26,
        b'0'..=b'9' => last - b'0' + 52,
        b'-' | b'+' => 62,
        _ => 63,
    };
    match data.len() % 4 {
        2 => value & 0x0F != 0,
        3 => value & 0x03 != 0,
        _ => false,
    }
}

fn is_bare_uuid(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// What validation finds wrong with an id in an event.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum IdProblem {
    Malformed(String),
    NotCanonical,
    UnexpectedType(String),
}

/// Checks an id found in an event against the type its field expects.
pub(crate) fn check(encoded: &str, expected: IdType) -> Option<IdProblem> {
    // Ids are short: decode them on the stack, and on the heap only when one is not.
    let mut stack = [0u8; 192];
    let mut heap = Vec::new();
    let fast = if is_bare_uuid(encoded) {
        None
    } else {
        decode_into(encoded, &mut stack)
    };
    let (canonical, decoded) = match fast {
        Some(result) => result,
        None => match decode(encoded, &mut heap) {
            Decoded::Ok { canonical } => (canonical, &heap[..]),
            Decoded::Malformed(reason) => return Some(IdProblem::Malformed(reason.to_string())),
        },
    };
    let Ok(uri) = std::str::from_utf8(decoded) else {
        return Some(IdProblem::Malformed("decodes to invalid UTF-8".to_string()));
    };
    let Some((_, ty, _)) = split_uri(uri) else {
        return Some(IdProblem::Malformed("not a ciscospark:// URI".to_string()));
    };
    let ty = &uri[ty.0..ty.1];
    if !expected.accepts(ty) {
        return Some(IdProblem::UnexpectedType(ty.to_string()));
    }
    (!canonical).then_some(IdProblem::NotCanonical)
}
