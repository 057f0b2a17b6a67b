//! Webex ids: decode, read the parts, compare, encode canonically.

use std::os::raw::c_char;

use super::boundary::{Out, free_raw, guard, guard_value, into_raw, opt_ref, ref_in, str_in};
use super::error::swe_error;
use super::status::swe_status;
use super::strings::{owned, swe_str};
use crate::ids::WebexId;

/// A decoded Webex id (`ciscospark://<cluster>/<TYPE>/<local id>`). Made by `swe_id_parse`,
/// freed with `swe_id_free`. Immutable: any thread may read one.
pub struct swe_id {
    _private: [u8; 0],
}

/// The id and NUL-terminated copies of its parts, for the `swe_str` views.
struct IdObject {
    id: WebexId,
    uri: String,
    cluster: String,
    id_type: String,
    local_id: String,
}

fn terminated(s: &str) -> String {
    format!("{s}\0")
}

fn view(s: &str) -> swe_str {
    swe_str { ptr: s.as_ptr().cast(), len: s.len() - 1 }
}

fn get(id: *const swe_id) -> Option<&'static IdObject> {
    opt_ref::<swe_id, IdObject>(id)
}

/// Decodes an id (`len` bytes of UTF-8 at `text`): base64url or standard base64, padded or
/// not, with or without non-zero trailing bits. On success `*id_out` owns the result (free with
/// `swe_id_free`). Errors: `SWE_ERROR_NULL_ARGUMENT`, `SWE_ERROR_INVALID_UTF8`,
/// `SWE_ERROR_INVALID_VALUE` when the text is not base64 or not a `ciscospark://` URI. Any
/// thread.
#[unsafe(no_mangle)]
pub extern "C" fn swe_id_parse(
    text: *const c_char,
    len: usize,
    id_out: *mut *mut swe_id,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        let out = Out::new(id_out, "id_out")?;
        let id = WebexId::parse(str_in(text, len, "text")?)?;
        let object = IdObject {
            uri: terminated(id.uri()),
            cluster: terminated(id.cluster()),
            id_type: terminated(id.id_type()),
            local_id: terminated(id.local_id()),
            id,
        };
        out.write(into_raw::<swe_id, IdObject>(object));
        Ok(())
    })
}

/// Frees an id. NULL is ignored.
#[unsafe(no_mangle)]
pub extern "C" fn swe_id_free(id: *mut swe_id) {
    guard_value((), || free_raw::<swe_id, IdObject>(id))
}

/// The decoded URI, e.g. `ciscospark://us/PEOPLE/1f7d...`; absent for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn swe_id_uri(id: *const swe_id) -> swe_str {
    guard_value(swe_str::ABSENT, || get(id).map_or(swe_str::ABSENT, |o| view(&o.uri)))
}

/// The cluster, e.g. `us` or `urn:TEAM:eu-central-1_k`; absent for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn swe_id_cluster(id: *const swe_id) -> swe_str {
    guard_value(swe_str::ABSENT, || get(id).map_or(swe_str::ABSENT, |o| view(&o.cluster)))
}

/// The object type, e.g. `PEOPLE`, `ROOM` (unknown types kept as they are); absent for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn swe_id_type(id: *const swe_id) -> swe_str {
    guard_value(swe_str::ABSENT, || get(id).map_or(swe_str::ABSENT, |o| view(&o.id_type)))
}

/// The local id (a UUID, or `<uuid>:<uuid>` for memberships, ...); absent for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn swe_id_local_id(id: *const swe_id) -> swe_str {
    guard_value(swe_str::ABSENT, || get(id).map_or(swe_str::ABSENT, |o| view(&o.local_id)))
}

/// Whether the parsed text was canonical: unpadded base64url with zero trailing bits. False
/// for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn swe_id_was_canonical(id: *const swe_id) -> bool {
    guard_value(false, || get(id).is_some_and(|o| o.id.was_canonical()))
}

/// Whether two ids name the same object: same type and local id, whatever their clusters and
/// encodings. False when either is NULL.
#[unsafe(no_mangle)]
pub extern "C" fn swe_id_equal(a: *const swe_id, b: *const swe_id) -> bool {
    guard_value(false, || match (get(a), get(b)) {
        (Some(a), Some(b)) => a.id == b.id,
        _ => false,
    })
}

/// Writes the canonical encoding (unpadded base64url). On success `*text_out` owns a
/// NUL-terminated string (free with `swe_string_free`) and `*len_out`, when not NULL, gets its
/// length. Errors: `SWE_ERROR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn swe_id_encode(
    id: *const swe_id,
    text_out: *mut *mut c_char,
    len_out: *mut usize,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        let out = Out::new(text_out, "text_out")?;
        let object = ref_in::<swe_id, IdObject>(id, "id")?;
        let (text, len) = owned(object.id.encode());
        out.write(text);
        if let Some(len_out) = Out::optional(len_out) {
            len_out.write(len);
        }
        Ok(())
    })
}
