//! Webex ids in every form DOMAIN.md lists.

use std::collections::HashSet;

use spaces_widget_events::{ErrorCode, WebexId};

const PERSON: &str =
    "Y2lzY29zcGFyazovL3VzL1BFT1BMRS8xZjdkZTVjYi04NTYxLTQ2NzEtYmMwMy1iYzk3NDMxNDQ0MmQ";
const BRIEF_TO_PERSON: &str =
    "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mMDZkNzFhNS0wODMzLTRmYTUtYTcyYS1jYzg5YjI1ZWVlMmX";
const CANONICAL_TO_PERSON: &str =
    "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mMDZkNzFhNS0wODMzLTRmYTUtYTcyYS1jYzg5YjI1ZWVlMmU";

fn parts(id: &WebexId) -> (&str, &str, &str, bool) {
    (id.cluster(), id.id_type(), id.local_id(), id.was_canonical())
}

#[test]
fn a_canonical_id_decodes_to_its_parts() {
    let id = WebexId::parse(PERSON).unwrap();
    assert_eq!(parts(&id), ("us", "PEOPLE", "1f7de5cb-8561-4671-bc03-bc974314442d", true));
    assert_eq!(id.uri(), "ciscospark://us/PEOPLE/1f7de5cb-8561-4671-bc03-bc974314442d");
    assert_eq!(id.encode(), PERSON);
    assert_eq!(id.to_string(), PERSON);
}

#[test]
fn the_briefs_id_with_trailing_bits_is_accepted_but_not_canonical() {
    let brief = WebexId::parse(BRIEF_TO_PERSON).unwrap();
    let canonical = WebexId::parse(CANONICAL_TO_PERSON).unwrap();
    assert_eq!(parts(&brief), ("us", "PEOPLE", "f06d71a5-0833-4fa5-a72a-cc89b25eee2e", false));
    assert_eq!(brief, canonical);
    assert_eq!(brief.encode(), CANONICAL_TO_PERSON);
}

#[test]
fn padded_and_standard_alphabet_copies_are_the_same_id() {
    let id = WebexId::new("us", "ROOM", "ab>>cd??-1").unwrap();
    let canonical = id.encode();
    assert!(canonical.contains('-') || canonical.contains('_'), "{canonical}");
    let standard = canonical.replace('-', "+").replace('_', "/");
    let padded = format!("{canonical}{}", "=".repeat((4 - canonical.len() % 4) % 4));
    for form in [&standard, &padded] {
        let copy = WebexId::parse(form).unwrap();
        assert_eq!(copy, id, "{form}");
        assert!(!copy.was_canonical(), "{form}");
        assert_eq!(copy.encode(), canonical);
    }
}

#[test]
fn ids_from_two_clusters_name_one_object() {
    let widget = WebexId::new("us", "TEAM", "64e45ae0-c46b-11e5-9df9-0d41e3421973").unwrap();
    let rest =
        WebexId::new("urn:TEAM:eu-central-1_k", "TEAM", "64e45ae0-c46b-11e5-9df9-0d41e3421973")
            .unwrap();
    assert_eq!(rest.cluster(), "urn:TEAM:eu-central-1_k");
    assert_eq!(widget, rest);
    assert_ne!(widget.encode(), rest.encode());
    let set: HashSet<_> = [widget, rest].into_iter().collect();
    assert_eq!(set.len(), 1);
    let other_type = WebexId::new("us", "ROOM", "64e45ae0-c46b-11e5-9df9-0d41e3421973").unwrap();
    assert_ne!(
        other_type,
        WebexId::new("us", "TEAM", "64e45ae0-c46b-11e5-9df9-0d41e3421973").unwrap()
    );
}

#[test]
fn local_ids_of_every_shape_and_unknown_types_are_kept() {
    let cases = [
        ("MEMBERSHIP", "0d0c91b6-ce60-4725-b6d0-3455d5d11ef3:cde1dd40-2f0d-11e5-ba9c-7b6556d2207b"),
        ("ORGANIZATION", "consumer"),
        ("CALL", "callhalf-1234:0"),
        ("CONTENT", "0d0c91b6-ce60-4725-b6d0-3455d5d11ef3/0"),
        ("GROUPMENTION", "all"),
        ("SOMETHING_NEW", "x"),
    ];
    for (ty, local) in cases {
        let encoded = WebexId::new("us", ty, local).unwrap().encode();
        let id = WebexId::parse(&encoded).unwrap();
        assert_eq!((id.id_type(), id.local_id(), id.was_canonical()), (ty, local, true));
    }
}

#[test]
fn things_that_are_not_ids_are_refused_with_a_reason() {
    let cases = [
        ("", "not a Webex id: empty"),
        ("1f7de5cb-8561-4671-bc03-bc974314442d", "not a Webex id: a bare UUID"),
        ("!!!", "not a Webex id: not base64"),
        ("aGVsbG8", "not a Webex id: not a ciscospark://<cluster>/<TYPE>/<local id> URI"),
        (
            "Y2lzY29zcGFyazovL3VzL1BFT1BMRS8",
            "not a Webex id: not a ciscospark://<cluster>/<TYPE>/<local id> URI",
        ),
    ];
    for (text, message) in cases {
        let error = WebexId::parse(text).unwrap_err();
        assert_eq!((error.code(), error.message()), (ErrorCode::InvalidValue, message), "{text}");
    }
    assert_eq!(WebexId::new("us", "", "x").unwrap_err().code(), ErrorCode::InvalidValue);
}

mod in_events {
    use proptest::prelude::*;
    use spaces_widget_events::{Event, WebexId};

    /// A `messages:created` event with `id` in each field that holds an id, written as it is
    /// or with its first character escaped (in every field, or in the first only), and `pad`
    /// spaces before the closing brace.
    fn message(id: &str, escaped: Escaped, pad: usize) -> String {
        let escape = |escaped: bool| match id.chars().next() {
            Some(first) if escaped && first.is_ascii() => {
                format!("\\u{:04x}{}", u32::from(first), &id[1..])
            }
            _ => id.to_string(),
        };
        let (first, rest) = match escaped {
            Escaped::Nowhere => (escape(false), escape(false)),
            Escaped::First => (escape(true), escape(false)),
            Escaped::Everywhere => (escape(true), escape(true)),
        };
        format!(
            concat!(
                r#"{{"resource":"messages","event":"created","actorId":"{0}","data":{{"#,
                r#""id":"{1}","roomId":"{1}","personId":"{1}","created":"2025-05-28T16:22:13.670Z","#,
                r#""roomType":"group","actorId":"{1}"}}{2}}}"#
            ),
            first,
            rest,
            " ".repeat(pad)
        )
    }

    #[derive(Clone, Copy)]
    enum Escaped {
        Nowhere,
        First,
        Everywhere,
    }

    fn read(text: &str) -> (String, Vec<(String, String, String)>) {
        let event = Event::parse(text).unwrap();
        let warnings =
            event.warnings().map(|w| (w.code.name().into(), w.path.into(), w.message.into()));
        (event.to_json(), warnings.collect())
    }

    proptest! {
        /// Ids read in one pass (plain, far enough from the end) and ids read the general way
        /// (escaped, or near the end) give the same event and the same warnings.
        #[test]
        fn an_id_reads_alike_in_every_way_it_is_written(
            cluster in "(us|eu)",
            ty in "(PEOPLE|PERSON|ROOM|MESSAGE|TEAM)",
            local in "[a-f0-9-]{0,40}|\\PC{0,20}",
            noise in "(|=|==|A|-|_|\\+|/)",
            pad in 0usize..40,
        ) {
            let id = WebexId::new(&cluster, &ty, &local).map(|id| id.encode());
            let id = format!("{}{noise}", id.unwrap_or_else(|_| local.clone()));
            let plain = read(&message(&id, Escaped::Nowhere, pad));
            prop_assert_eq!(&plain, &read(&message(&id, Escaped::Everywhere, pad)), "{}", id);
            prop_assert_eq!(&plain, &read(&message(&id, Escaped::First, pad)), "{}", id);
            prop_assert_eq!(&plain, &read(&message(&id, Escaped::Nowhere, 0)), "{}", id);
        }
    }

    #[test]
    fn a_canonical_id_in_a_field_of_another_type_is_warned_of_either_way() {
        let room = WebexId::new("us", "ROOM", "9efd55d2").unwrap().encode();
        let (_, warnings) = read(&message(&room, Escaped::Nowhere, 40));
        let paths: Vec<&str> = warnings.iter().map(|(_, path, _)| path.as_str()).collect();
        assert_eq!(paths, ["actorId", "data.id", "data.personId", "data.actorId"]);
        assert!(warnings.iter().all(|(code, _, _)| code == "SWE_WARNING_ID_UNEXPECTED_TYPE"));
        assert_eq!(read(&message(&room, Escaped::Everywhere, 40)).1, warnings);
        assert_eq!(read(&message(&room, Escaped::First, 40)).1, warnings);
    }
}
