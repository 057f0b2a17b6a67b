//! Webex ids: unpadded base64url encodings of `ciscospark://<cluster>/<TYPE>/<local id>`.

use std::fmt;
use std::hash::{Hash, Hasher};

use base64::Engine;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

use crate::error::{Error, ErrorCode};

mod sextets;

use sextets::sextets_fit;

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
    /// How many variants there are, for tables indexed by `IdType as usize`.
    pub(crate) const COUNT: usize = 6;

    /// Whether an id whose URI type is `ty` fits this expectation.
    pub fn accepts(self, ty: &str) -> bool {
        self.accepts_bytes(ty.as_bytes())
    }

    fn accepts_bytes(self, ty: &[u8]) -> bool {
        match self {
            IdType::People => ty == b"PEOPLE" || ty == b"PERSON",
            IdType::Room => ty == b"ROOM",
            IdType::Message => ty == b"MESSAGE",
            IdType::Membership => ty == b"MEMBERSHIP",
            IdType::Team => ty == b"TEAM",
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
            Error::new(ErrorCode::InvalidValue, "not a Webex id: decodes to invalid UTF-8")
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
        Ok(WebexId { cluster, ty, local, canonical, uri })
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
    Some(((base, base + cluster_end), (ty_start, ty_start + ty_end), (local_start, uri.len())))
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

/// Whether the last character of an unpadded base64 text carries bits past the data.
fn has_trailing_bits(bytes: &[u8]) -> bool {
    let data = bytes.iter().rposition(|&b| b != b'=').map_or(&bytes[..0], |i| &bytes[..=i]);
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

/// The base64url alphabet's values; 0xFF for every other byte.
const URL_SAFE_VALUES: [u8; 256] = {
    let mut table = [0xFF; 256];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut i = 0;
    while i < 64 {
        table[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// `ciscospark:/` encoded: the first sixteen characters of every canonical Webex id.
const SCHEME_ENCODED: &[u8] = b"Y2lzY29zcGFyazov";

/// The check of [`check`] for the ids events carry nearly always: canonical base64url of a
/// `ciscospark://` URI in ASCII. `None` sends every other id to the general path, which names
/// what is wrong with it.
///
/// Only the head of the id, where the cluster and type sit, is decoded; the rest is checked
/// character by character for what decoding would find: characters outside the alphabet,
/// decoded bytes outside ASCII (the general path checks those for UTF-8), trailing bits.
fn check_canonical(encoded: &str, expected: IdType) -> Option<Option<IdProblem>> {
    if check_known_head(encoded.as_bytes(), expected) {
        return Some(None);
    }
    let rest = encoded.as_bytes().strip_prefix(SCHEME_ENCODED)?;
    if !sextets_fit(rest) {
        return None;
    }
    let value = |c: u8| URL_SAFE_VALUES[c as usize];
    // The head decoded, a group at a time, until `/<cluster>/<TYPE>/` is read.
    let mut head = [0u8; HEAD_BYTES];
    let mut n = 0;
    let mut slashes = 0;
    for g in rest.chunks_exact(4).take(HEAD_BYTES / 3) {
        let bits = u32::from(value(g[0])) << 18
            | u32::from(value(g[1])) << 12
            | u32::from(value(g[2])) << 6
            | u32::from(value(g[3]));
        let bytes = bits.to_be_bytes();
        head[n..n + 3].copy_from_slice(&bytes[1..]);
        n += 3;
        slashes += usize::from(bytes[1] == b'/')
            + usize::from(bytes[2] == b'/')
            + usize::from(bytes[3] == b'/');
        if slashes >= 3 {
            break;
        }
    }
    let total = rest.len() / 4 * 3 + (rest.len() % 4).saturating_sub(1);
    let tail = head[..n].strip_prefix(b"/")?;
    let cluster_end = tail.iter().position(|&b| b == b'/').filter(|&i| i > 0)?;
    let after = &tail[cluster_end + 1..];
    let ty_end = after.iter().position(|&b| b == b'/').filter(|&i| i > 0)?;
    // The local id after the type's `/` must not be empty.
    if 1 + cluster_end + 1 + ty_end + 1 >= total {
        return None;
    }
    let ty = &after[..ty_end];
    if !expected.accepts_bytes(ty) {
        // ASCII, as the check of the high bits above found.
        let ty = String::from_utf8_lossy(ty).into_owned();
        return Some(Some(IdProblem::UnexpectedType(ty)));
    }
    Some(None)
}

/// The start of a canonical id in the cluster nearly every id names, `us`, encoded: the
/// characters of the whole groups of `ciscospark://us/<TYPE>/`, and the bytes of the URI that
/// the next group begins with.
struct KnownHead {
    chars: [u8; KnownHead::MAX_CHARS],
    len: usize,
    tail: [u8; 2],
    tail_len: usize,
}

impl KnownHead {
    const MAX_CHARS: usize = 40;
    /// `ciscospark://us/` alone makes five groups.
    const MIN_CHARS: usize = 20;

    /// The head of `ciscospark://us/<ty>/`, encoded at compile time.
    const fn new(ty: &[u8]) -> KnownHead {
        const ALPHABET: &[u8; 64] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let prefix = b"ciscospark://us/";
        let mut uri = [0u8; 32];
        let mut n = 0;
        while n < prefix.len() {
            uri[n] = prefix[n];
            n += 1;
        }
        let mut i = 0;
        while i < ty.len() {
            uri[n] = ty[i];
            n += 1;
            i += 1;
        }
        uri[n] = b'/';
        n += 1;
        let groups = n / 3;
        let mut chars = [0u8; KnownHead::MAX_CHARS];
        let mut g = 0;
        while g < groups {
            let bits =
                (uri[3 * g] as u32) << 16 | (uri[3 * g + 1] as u32) << 8 | uri[3 * g + 2] as u32;
            chars[4 * g] = ALPHABET[(bits >> 18) as usize & 63];
            chars[4 * g + 1] = ALPHABET[(bits >> 12) as usize & 63];
            chars[4 * g + 2] = ALPHABET[(bits >> 6) as usize & 63];
            chars[4 * g + 3] = ALPHABET[bits as usize & 63];
            g += 1;
        }
        let tail_len = n - 3 * groups;
        let mut tail = [0u8; 2];
        let mut t = 0;
        while t < tail_len {
            tail[t] = uri[3 * groups + t];
            t += 1;
        }
        KnownHead { chars, len: 4 * groups, tail, tail_len }
    }

    /// Whether `rest`, the characters after the head's, carries the head's last bytes and at
    /// least one byte of the local id in its first group.
    fn begins(&self, rest: &[u8]) -> bool {
        let Some(group) = rest.first_chunk::<4>() else {
            return false;
        };
        let value = |c: u8| u32::from(URL_SAFE_VALUES[c as usize]);
        let bits =
            value(group[0]) << 18 | value(group[1]) << 12 | value(group[2]) << 6 | value(group[3]);
        let bytes = bits.to_be_bytes();
        (0..self.tail_len).all(|i| bytes[1 + i] == self.tail[i])
    }

    /// What follows the head in `encoded`, when `encoded` starts with it. Eight bytes a step,
    /// the last step ending at the head's end: as fast as the call to `memcmp` that
    /// `strip_prefix` makes costs.
    #[inline(always)]
    fn strip_from<'e>(&self, encoded: &'e [u8]) -> Option<&'e [u8]> {
        const { assert!(KnownHead::MIN_CHARS >= 8) };
        let n = self.len;
        let head = encoded.get(..n)?;
        let word = |bytes: &[u8], at: usize| {
            u64::from_ne_bytes(bytes[at..at + 8].try_into().expect("eight bytes"))
        };
        let mut at = 0;
        while at + 8 < n {
            if word(head, at) != word(&self.chars, at) {
                return None;
            }
            at += 8;
        }
        (word(head, n - 8) == word(&self.chars, n - 8)).then(|| &encoded[n..])
    }
}

/// The known heads of the ids each expectation accepts; `Any` takes the general decoding.
fn known_heads(expected: IdType) -> &'static [KnownHead] {
    const PEOPLE: [KnownHead; 2] = [KnownHead::new(b"PEOPLE"), KnownHead::new(b"PERSON")];
    const ROOM: [KnownHead; 1] = [KnownHead::new(b"ROOM")];
    const MESSAGE: [KnownHead; 1] = [KnownHead::new(b"MESSAGE")];
    const MEMBERSHIP: [KnownHead; 1] = [KnownHead::new(b"MEMBERSHIP")];
    const TEAM: [KnownHead; 1] = [KnownHead::new(b"TEAM")];
    match expected {
        IdType::People => &PEOPLE,
        IdType::Room => &ROOM,
        IdType::Message => &MESSAGE,
        IdType::Membership => &MEMBERSHIP,
        IdType::Team => &TEAM,
        IdType::Any => &[],
    }
}

/// Whether `encoded` is a canonical id that starts with one of `expected`'s known heads, so
/// that its cluster and type are known without decoding them: see [`KnownHead::begins`], and
/// every character after the head must be what [`sextets_fit`] takes. `false` sends the id on
/// to the decoding check.
fn check_known_head(encoded: &[u8], expected: IdType) -> bool {
    known_heads(expected).iter().any(|head| {
        head.strip_from(encoded).is_some_and(|rest| head.begins(rest) && sextets_fit(rest))
    })
}

/// Where a JSON string whose content starts at `text[from]` ends, when that content is a
/// canonical id of one of `expected`'s known heads that [`check`] passes: the index of the
/// `"` after it. The id's characters are checked in the pass that finds their end, and none of
/// them is an escape. `None` leaves the string to be read and its id checked the general way.
pub(crate) fn known_id_end(text: &[u8], from: usize, expected: IdType) -> Option<usize> {
    let encoded = text.get(from..)?;
    let (head, rest) =
        known_heads(expected).iter().find_map(|head| Some((head, head.strip_from(encoded)?)))?;
    let run = sextets::fitting_run(rest)?;
    let chars = &rest[..run];
    let end = from + head.len + run;
    (text.get(end) == Some(&b'"') && head.begins(chars) && sextets::trailing_bits_clear(chars))
        .then_some(end)
}

/// Bytes of an id's URI (after `ciscospark:/`) the fast check decodes; ids whose cluster and
/// type do not end within them take the general path.
const HEAD_BYTES: usize = 48;

/// Checks an id found in an event against the type its field expects.
pub(crate) fn check(encoded: &str, expected: IdType) -> Option<IdProblem> {
    match check_canonical(encoded, expected) {
        Some(result) => result,
        None => check_general(encoded, expected),
    }
}

/// The check for every id the canonical path does not take: padded, standard base64, with
/// trailing bits, or not a Webex id at all. Rare, so it may allocate.
fn check_general(encoded: &str, expected: IdType) -> Option<IdProblem> {
    let mut decoded = Vec::new();
    let canonical = match decode(encoded, &mut decoded) {
        Decoded::Ok { canonical } => canonical,
        Decoded::Malformed(reason) => return Some(IdProblem::Malformed(reason.to_string())),
    };
    let Ok(uri) = std::str::from_utf8(&decoded) else {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn encode(text: &str) -> String {
        URL_SAFE.encode(text.as_bytes())
    }

    proptest! {
        #[test]
        fn the_fast_check_agrees_with_the_general_one(
            cluster in "[a-z:_0-9-]{0,12}",
            ty in "(PEOPLE|ROOM|TEAM|PERSON|[A-Z]{0,6})",
            local in "\\PC{0,40}",
            noise in "[A-Za-z0-9+/=_-]{0,3}",
            padded in any::<bool>(),
        ) {
            let uri = format!("ciscospark://{cluster}/{ty}/{local}");
            let mut id = encode(&uri);
            if padded {
                id.push_str(&"=".repeat((4 - id.len() % 4) % 4));
            }
            for text in [id.clone(), format!("{id}{noise}"), id[..id.len() / 2].to_string()] {
                for expected in [IdType::People, IdType::Room, IdType::Team, IdType::Any] {
                    let fast = check_canonical(&text, expected);
                    if let Some(result) = fast {
                        prop_assert_eq!(result, check_general(&text, expected), "{}", text);
                    }
                }
            }
        }
    }

    proptest! {
        #[test]
        fn ids_of_a_known_head_pass_only_when_the_general_check_passes(
            cluster in "(us|u|usa|eu|)",
            ty in "(PEOPLE|PERSON|ROOM|MESSAGE|MEMBERSHIP|TEAM|PEOPLEX|ROO|ROOMS|TEAMS)",
            local in "\\PC{0,12}",
            noise in "[A-Za-z0-9+/=_-]{0,3}",
        ) {
            let id = encode(&format!("ciscospark://{cluster}/{ty}/{local}"));
            for text in [id.clone(), format!("{id}{noise}"), id[..id.len() - 1].to_string()] {
                for expected in [
                    IdType::People,
                    IdType::Room,
                    IdType::Message,
                    IdType::Membership,
                    IdType::Team,
                ] {
                    if check_known_head(text.as_bytes(), expected) {
                        prop_assert_eq!(check_general(&text, expected), None, "{}", text);
                    }
                    if let Some(result) = check_canonical(&text, expected) {
                        prop_assert_eq!(result, check_general(&text, expected), "{}", text);
                    }
                }
            }
        }
    }

    proptest! {
        #[test]
        fn an_id_found_in_one_pass_is_one_the_check_passes(
            cluster in "(us|eu|)",
            ty in "(PEOPLE|PERSON|ROOM|MESSAGE|TEAM|ROOMS)",
            local in "\\PC{0,60}",
            noise in "[A-Za-z0-9+/=_-]{0,3}",
            after in "[\"\\\\ a-z\u{0}-\u{1f}]{0,40}",
        ) {
            let id = encode(&format!("ciscospark://{cluster}/{ty}/{local}"));
            for id in [id.clone(), format!("{id}{noise}"), id[..id.len() - 1].to_string()] {
                let text = format!("\"{id}{after}");
                for expected in [IdType::People, IdType::Room, IdType::Message, IdType::Team] {
                    if let Some(end) = known_id_end(text.as_bytes(), 1, expected) {
                        // It ends at a quote, and what it read passes.
                        prop_assert_eq!(text.as_bytes()[end], b'"');
                        let read = &text[1..end];
                        prop_assert_eq!(check(read, expected), None, "{}", read);
                        prop_assert_eq!(check_general(read, expected), None, "{}", read);
                    }
                }
            }
        }
    }

    #[test]
    fn ids_are_found_in_one_pass_when_they_can_be() {
        let id = encode("ciscospark://us/PEOPLE/1f7de5cb-8561-4671-bc03-bc974314442d");
        let text = format!("\"{id}\",{}", " ".repeat(40));
        let found = known_id_end(text.as_bytes(), 1, IdType::People);
        if cfg!(target_arch = "x86_64") && std::arch::is_x86_feature_detected!("avx2") {
            assert_eq!(found, Some(1 + id.len()));
        } else {
            assert_eq!(found, None);
        }
        // Too near the end of the text, of another type, or not canonical: the general way.
        assert_eq!(known_id_end(format!("\"{id}\"").as_bytes(), 1, IdType::People), None);
        assert_eq!(known_id_end(text.as_bytes(), 1, IdType::Room), None);
        let padded = format!("\"{id}==\",{}", " ".repeat(40));
        assert_eq!(known_id_end(padded.as_bytes(), 1, IdType::People), None);
    }

    #[test]
    fn the_known_heads_are_what_their_ids_begin_with() {
        let cases = [
            (IdType::People, "ciscospark://us/PEOPLE/1f7de5cb"),
            (IdType::People, "ciscospark://us/PERSON/1f7de5cb"),
            (IdType::Room, "ciscospark://us/ROOM/9efd55d2"),
            (IdType::Message, "ciscospark://us/MESSAGE/4a059e92"),
            (IdType::Membership, "ciscospark://us/MEMBERSHIP/5a5f"),
            (IdType::Team, "ciscospark://us/TEAM/a0f"),
        ];
        for (expected, uri) in cases {
            assert!(check_known_head(encode(uri).as_bytes(), expected), "{uri}");
        }
        // An empty local id, another cluster, a type the field does not expect: decoded instead.
        for (expected, uri) in [
            (IdType::Room, "ciscospark://us/ROOM/"),
            (IdType::Room, "ciscospark://eu/ROOM/9efd55d2"),
            (IdType::Room, "ciscospark://us/TEAM/9efd55d2"),
            (IdType::Any, "ciscospark://us/ROOM/9efd55d2"),
        ] {
            assert!(!check_known_head(encode(uri).as_bytes(), expected), "{uri}");
        }
    }

    #[test]
    fn the_fast_check_takes_canonical_ids() {
        let id = encode("ciscospark://us/PEOPLE/1f7de5cb-8561-4671-bc03-bc974314442d");
        assert_eq!(check_canonical(&id, IdType::People), Some(None));
        assert_eq!(
            check_canonical(&id, IdType::Room),
            Some(Some(IdProblem::UnexpectedType("PEOPLE".to_string())))
        );
    }
}
