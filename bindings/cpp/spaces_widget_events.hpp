/*
 * spaces_widget_events.hpp: the C++17 binding of spaces-widget-events, header-only, over
 * include/spaces_widget_events.h.
 *
 * - Owners free what they own and are move-only: swe::Event, swe::ParseOptions, swe::Emitter,
 *   swe::Subscription, swe::Stream, swe::Id. swe::EventRef borrows (a listener's event, or
 *   any Event).
 * - Strings go in as std::string_view and come out as views into the object they came from,
 *   valid as long as that object; a field that may be absent is a std::optional. Reading a
 *   view of a temporary Event or Id does not compile.
 * - Failures are swe::Error (a std::runtime_error with status, message, offset, line, column
 *   and JSON path). Every throwing call has a try_ twin returning swe::Result<T> for code
 *   built without exceptions; there the throwing forms abort on failure.
 * - Listeners are any callable. No exception ever crosses into the C library: the trampolines
 *   catch it, stop delivery of the event, and emit() re-throws it once the C call has returned.
 *
 * Threads: events, errors and set-up options may be read from any thread; an Emitter (through
 * a const reference) may subscribe, unsubscribe and emit from any thread at once. A listener
 * runs on the emitting thread, so one that several threads emit to must be thread-safe.
 *
 * The parts, in spaces_widget_events/, each self-contained: codes (enums of the C codes),
 * error (Error, Result), views (the typed views), event (Event, EventRef), parse
 * (ParseOptions, parse), id (Id), emitter (Emitter, Subscription), stream (Stream).
 *
 * Build with -std=c++17 -Iinclude -Ibindings/cpp; link libspaces_widget_events (for the .a,
 * also -lpthread -ldl -lm).
 */

#ifndef SPACES_WIDGET_EVENTS_HPP
#define SPACES_WIDGET_EVENTS_HPP

#include "spaces_widget_events/codes.hpp"
#include "spaces_widget_events/emitter.hpp"
#include "spaces_widget_events/error.hpp"
#include "spaces_widget_events/event.hpp"
#include "spaces_widget_events/id.hpp"
#include "spaces_widget_events/parse.hpp"
#include "spaces_widget_events/stream.hpp"
#include "spaces_widget_events/views.hpp"

#endif // SPACES_WIDGET_EVENTS_HPP
