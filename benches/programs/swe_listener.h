/*
 * The listeners the C ABI contenders subscribe (swe_c_abi.c, swe_c_stream.c): one place, so
 * every row of this library reads the same fields the same way.
 *
 * swe_bench_on_event reads the checksum's fields (bench_common.h) through the struct views
 * only: envelope, then the kind's view. Nothing it calls allocates. swe_bench_on_json takes
 * JSON-text delivery and sums lengths (a different checksum, not compared).
 *
 * Include after bench_common.h and spaces_widget_events.h.
 */
#ifndef SWE_BENCH_LISTENER_H
#define SWE_BENCH_LISTENER_H

static int32_t swe_bench_on_event(void *user_data, const swe_event *event) {
  uint64_t *sum = user_data;
  swe_envelope_view env;
  swe_event_envelope(event, &env, NULL);
  *sum += env.actor_id.len;
  switch (env.kind) {
  case SWE_KIND_MESSAGES_CREATED: {
    swe_message_view m;
    swe_event_message(event, &m, NULL);
    *sum += KIND_MESSAGES_CREATED + m.id.len + m.room_id.len + m.text.len + m.created.text.len;
    break;
  }
  case SWE_KIND_ROOMS_UNREAD:
  case SWE_KIND_ROOMS_READ:
  case SWE_KIND_ROOMS_SELECTED: {
    swe_room_view r;
    swe_event_room(event, &r, NULL);
    *sum += (env.kind == SWE_KIND_ROOMS_UNREAD ? KIND_ROOMS_UNREAD
             : env.kind == SWE_KIND_ROOMS_READ ? KIND_ROOMS_READ
                                               : KIND_ROOMS_SELECTED) +
            r.id.len + r.title.len + r.last_activity.text.len;
    break;
  }
  case SWE_KIND_CALLS_CREATED:
  case SWE_KIND_CALLS_CONNECTED:
  case SWE_KIND_CALLS_DISCONNECTED: {
    swe_call_view c;
    swe_event_call(event, &c, NULL);
    *sum += (env.kind == SWE_KIND_CALLS_CREATED     ? KIND_CALLS_CREATED
             : env.kind == SWE_KIND_CALLS_CONNECTED ? KIND_CALLS_CONNECTED
                                                    : KIND_CALLS_DISCONNECTED) +
            c.room_id.len + c.call_state.len;
    break;
  }
  case SWE_KIND_MEMBERSHIPS_CREATED: {
    swe_membership_view m;
    swe_event_membership(event, &m, NULL);
    *sum += KIND_MEMBERSHIPS_CREATED + m.id.len + m.room_id.len + m.created.text.len;
    break;
  }
  case SWE_KIND_MENTION_CLICKED: {
    swe_mention_clicked_view m;
    swe_event_mention_clicked(event, &m, NULL);
    *sum += KIND_MENTION_CLICKED + m.id.len;
    break;
  }
  case SWE_KIND_ACTIVITY_CHANGED: {
    swe_activity_view a;
    swe_event_activity(event, &a, NULL);
    *sum += KIND_ACTIVITY_CHANGED + a.name.len;
    break;
  }
  default:
    break;
  }
  return 0;
}

static int32_t swe_bench_on_json(void *user_data, swe_str name, swe_str json) {
  uint64_t *sum = user_data;
  *sum += name.len + json.len;
  return 0;
}

#endif /* SWE_BENCH_LISTENER_H */
