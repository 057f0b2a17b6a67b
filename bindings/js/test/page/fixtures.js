/*
 * Realistic Spaces Widget events for the stand-in widget (browser) and for the tests (Node).
 *
 * buildEvents(env) returns the events the stand-in widget fires, in order:
 *   { name, via, data, expect(message, assert) }
 * via: 'both' (DOM CustomEvent and onEvent, as the real widget does), 'dom' or 'callback'.
 * expect() checks the JSON the bridge posted for that event (parsed), with node:assert.
 * env: { document, window } of the page; Node passes look-alikes (see fakeEnv()).
 */
(function (root, factory) {
  'use strict';
  var api = factory();
  if (typeof module === 'object' && module && module.exports) module.exports = api;
  else root.SWE_FIXTURES = api;
}(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  // Unpadded base64url of ciscospark://us/<TYPE>/<local id>, as the widget writes them.
  function webexId(type, local) {
    var uri = 'ciscospark://us/' + type + '/' + local;
    return btoa(uri).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  var U = {
    userA: '1f7de5cb-8561-4671-bc03-bc974314442d',
    userB: 'f06d71a5-0833-4fa5-a72a-cc89b25eee2e',
    userC: 'f5b36187-c8dd-4727-8b2f-f9c447f29046',
    room: 'bbceb1ad-43f1-3b58-9147-f14bb0c4d154',
    directRoom: 'c931fd7e-b211-42ab-bcd5-b0ae1f6526b3',
    team: '64e45ae0-c46b-11e5-9df9-0d41e3421973',
    msg1: '92db3be0-43bd-11e6-8ae9-dd5b3dfc565d',
    msg2: 'b0ad534e-3122-439e-9b07-71ebe225e258',
    msg3: '5c8e7954-b77d-466a-9929-90fec7df4d87',
    locus: 'a4c376f9-2d23-412f-895a-ff5ec5a2dc00',
    correlation: '626dd51c-eb5b-4f0e-a78b-79dfaff2e68c',
    meeting: '389b9bdd-39aa-4965-8a9c-d5897ca3f55f',
    notification: 'daa4cb80-8f9d-43c2-8083-dce6947bffbd',
    content: '2fe06f31-ec56-4f46-bbf9-e8b7c6b24004'
  };

  var ID = {
    userA: webexId('PEOPLE', U.userA),
    userB: webexId('PEOPLE', U.userB),
    userC: webexId('PEOPLE', U.userC),
    room: webexId('ROOM', U.room),
    directRoom: webexId('ROOM', U.directRoom),
    team: webexId('TEAM', U.team),
    msg1: webexId('MESSAGE', U.msg1),
    msg2: webexId('MESSAGE', U.msg2),
    msg3: webexId('MESSAGE', U.msg3),
    membership: webexId('MEMBERSHIP', U.userC + ':' + U.room),
    callHalf: webexId('CALL', 'callhalf-' + U.locus + ':0'),
    personMention: webexId('PERSON', U.userB)
  };

  var NON_ASCII = 'caf\u00e9 \u65e5\u672c\u8a9e \uD83D\uDE00 \uD83D\uDC69\u200D\uD83D\uDCBB';
  var LOCUS_URL = 'https://locus-a.wbx2.com/locus/api/v1/loci/' + U.locus;
  var BIG_TEXT_CHARS = 300 * 1024;

  // A phone-plugin Call (2017 to 2020 builds): state behind prototype getters (ampersand-state
  // style), a back-reference to the SDK (cycle), methods, a DOM element and a big locus.
  function PhoneCall(env) {
    this._values = { status: 'initiated', direction: 'out' };
    this.id = ID.callHalf;
    this.locusUrl = LOCUS_URL;
    this.correlationId = U.correlation;
    this.remoteMediaStream = { id: 'stream-1', active: true, getTracks: function () { return []; } };
    this.remoteVideo = env.document.createElement('video');
    this.hangup = function () { return Promise.resolve(); };
    this.on = function () { return this; };
    var participants = [];
    for (var i = 0; i < 300; i++) {
      participants.push({
        id: 'participant-' + i,
        state: i % 3 ? 'JOINED' : 'IDLE',
        person: { id: 'person-' + i, email: 'user-' + i + '@example.com', name: 'Example User ' + i },
        devices: [{ url: 'https://wdm-a.wbx2.com/wdm/api/v1/devices/' + i, state: 'JOINED', intents: [] }],
        call: this // cycle through the big structure
      });
    }
    this.locus = { url: LOCUS_URL, participants: participants, fullState: { state: 'ACTIVE', count: 300 } };
    this.spark = { phone: { calls: [this] }, config: { device: { preDiscoveryServices: {} } } };
    this.spark.self = this.spark;
  }
  Object.defineProperty(PhoneCall.prototype, 'status', {
    get: function () { return this._values.status; }, enumerable: false, configurable: true
  });
  Object.defineProperty(PhoneCall.prototype, 'direction', {
    get: function () { return this._values.direction; }, enumerable: false, configurable: true
  });

  // A Meeting (2020 on): state string, no status/direction; one getter that throws.
  function makeMeeting(env) {
    var meeting = {
      id: U.meeting,
      state: 'LEFT',
      locusUrl: LOCUS_URL,
      sipUri: 'example-user-a@example.webex.com',
      members: { membersCollection: { members: {} } },
      mediaProperties: { audioTrack: null, videoTrack: null },
      leave: function () {},
      window: env.window
    };
    Object.defineProperty(meeting, 'correlationId', {
      get: function () { throw new Error('meeting is gone'); }, enumerable: true
    });
    meeting.members.parent = meeting;
    meeting.members.membersCollection.members[U.userA] = { id: U.userA, meeting: meeting, isSelf: true };
    return meeting;
  }

  function buildEvents(env) {
    var call = new PhoneCall(env);
    var meeting = makeMeeting(env);
    var activities = {
      message: { name: 'message', displayName: 'Message', type: 'ACTIVITY_TYPE_PRIMARY', component: function Message() {}, icon: env.document.createElement('svg') },
      meet: { name: 'meet', displayName: 'Meet', type: 'ACTIVITY_TYPE_PRIMARY', component: function Meet() {}, icon: env.document.createElement('svg') }
    };
    var currentUser = {
      id: ID.userA, displayName: 'Example User A', emails: ['user-a@example.com'], orgId: webexId('ORGANIZATION', 'consumer'),
      avatar: 'https://avatar-prod-us-east-2.webexcontent.com/Avtr~V1~consumer/V1~' + U.userA + '~1600'
    };
    var fileObject = {
      objectType: 'file',
      displayName: 'r\u00e9sum\u00e9 \u65e5\u672c.pdf',
      fileSize: 48213,
      mimeType: 'application/pdf',
      url: 'https://files.example.com/v1/spaces/' + U.room + '/contents/' + U.content + '/versions/0/bytes',
      image: null,
      scr: { loc: 'https://files.example.com/scr/' + U.content, ready: true }
    };

    function eq(path, expected) {
      return function (msg, assert) {
        var v = msg;
        path.split('.').forEach(function (k) { v = v == null ? undefined : v[k]; });
        assert.deepStrictEqual(v, expected, path);
      };
    }
    function all() {
      var checks = Array.prototype.slice.call(arguments);
      return function (msg, assert) { checks.forEach(function (c) { c(msg, assert); }); };
    }

    return [
      {
        name: 'messages:created', via: 'both',
        data: {
          actorId: ID.userA, actorName: 'Example User A',
          id: ID.msg1, roomId: ID.room, roomType: 'group',
          text: 'Order: ' + NON_ASCII, html: '<p>Order: ' + NON_ASCII + '</p>',
          files: [fileObject],
          personId: ID.userA, personEmail: 'user-a@example.com',
          created: '2021-03-04T17:33:56.767Z',
          mentionedPeople: [{ id: ID.userB }]
        },
        expect: all(eq('detail.resource', 'messages'), eq('detail.event', 'created'),
          eq('detail.actorId', ID.userA), eq('detail.data.text', 'Order: ' + NON_ASCII),
          eq('detail.data.files.0.displayName', 'r\u00e9sum\u00e9 \u65e5\u672c.pdf'),
          eq('detail.data.files.0.image', null),
          eq('detail.data.mentionedPeople', [{ id: ID.userB }]))
      },
      {
        name: 'messages:created', via: 'both',
        data: {
          actorId: ID.userB, actorName: 'Example User B',
          id: ID.msg2, roomId: ID.directRoom, roomType: 'direct',
          text: 'hi Example User A \uD83D\uDC4B',
          html: '<p>hi <spark-mention data-object-type="person" data-object-id="' + U.userA + '">Example User A</spark-mention> \uD83D\uDC4B</p>',
          personId: ID.userB, personEmail: 'user-b@example.com',
          toPersonId: ID.userA, toPersonEmail: 'user-a@example.com',
          created: '2021-03-04T17:34:01.002Z',
          mentionedPeople: { items: [] }
        },
        expect: all(eq('detail.data.roomType', 'direct'), eq('detail.data.mentionedPeople', { items: [] }),
          eq('detail.data.text', 'hi Example User A \uD83D\uDC4B'))
      },
      {
        name: 'rooms:unread', via: 'both',
        data: {
          id: ID.room, actorId: ID.userB, actorName: 'Example User B', title: 'Project Unicorn \u2013 Sprint 0 \u00e9\u00e8',
          type: 'group', isLocked: false, teamId: '', lastActivity: '2021-03-04T17:34:01.002Z', created: '2016-04-21T19:01:55.966Z'
        },
        expect: all(eq('detail.data.teamId', ''), eq('detail.actorId', ID.userB), eq('detail.data.isLocked', false))
      },
      {
        name: 'rooms:read', via: 'both',
        data: {
          id: ID.room, actorId: ID.userA, actorName: 'Example User A', title: 'Project Unicorn \u2013 Sprint 0 \u00e9\u00e8',
          type: 'group', isLocked: true, teamId: ID.team, lastActivity: '2021-03-04T17:34:01.002Z', created: '2016-04-21T19:01:55.966Z'
        },
        expect: eq('detail.data.teamId', ID.team)
      },
      {
        name: 'rooms:selected', via: 'both',
        data: {
          id: ID.room, title: 'Project Unicorn \u2013 Sprint 0 \u00e9\u00e8', type: 'group', isLocked: true, teamId: ID.team,
          lastActivity: '2016-04-21T19:12:48.920Z', created: '2016-04-21T19:01:55.966Z',
          tags: ['FAVORITE'], isUnread: false, isMuted: false, action: 'call'
        },
        expect: all(eq('detail.action', 'call'), eq('detail.data.tags', ['FAVORITE']))
      },
      {
        name: 'calls:created', via: 'both',
        data: { roomId: ID.room, personId: ID.userC, personEmail: 'user-c@example.com', actorId: ID.userA, actorName: 'Example User A', call: call },
        expect: eq('detail.data.call', { id: ID.callHalf, status: 'initiated', direction: 'out', locusUrl: LOCUS_URL, correlationId: U.correlation })
      },
      {
        name: 'calls:connected', via: 'both', before: function () { call._values.status = 'connected'; },
        data: { roomId: ID.room, actorId: ID.userA, actorName: 'Example User A', call: call },
        expect: eq('detail.data.call', { id: ID.callHalf, status: 'connected', direction: 'out', locusUrl: LOCUS_URL, correlationId: U.correlation })
      },
      {
        name: 'calls:memberships:notified', via: 'both',
        data: { roomId: ID.room, actorId: ID.userC, actorName: 'Example User C', call: call },
        expect: all(eq('detail.resource', 'calls'), eq('detail.event', 'memberships'),
          eq('detail.data.call.status', 'connected'))
      },
      {
        name: 'calls:disconnected', via: 'both',
        data: { roomId: ID.room, actorId: ID.userA, actorName: 'Example User A', call: meeting },
        expect: eq('detail.data.call', { id: U.meeting, state: 'LEFT', locusUrl: LOCUS_URL })
      },
      {
        name: 'memberships:created', via: 'both',
        data: { actorId: ID.userA, id: ID.membership, roomId: ID.room, personId: ID.userC, personEmail: 'user-c@example.com', created: '2015-10-18T14:26:16+00:00' },
        expect: all(eq('detail.data.id', ID.membership), eq('detail.data.created', '2015-10-18T14:26:16+00:00'))
      },
      {
        name: 'memberships:deleted', via: 'both',
        data: { actorId: ID.userA, id: ID.membership, roomId: ID.room, personId: ID.userC, personEmail: 'user-c@example.com', created: '2015-10-18T14:26:16+00:00' },
        expect: eq('detail.data.personEmail', 'user-c@example.com')
      },
      { name: 'memberships:connected', via: 'both', data: { actorId: ID.userB, actorName: 'Example User B', roomId: ID.room }, expect: eq('detail.actorId', ID.userB) },
      { name: 'memberships:declined', via: 'both', data: { actorId: ID.userC, actorName: 'Example User C' }, expect: eq('detail.data', { actorId: ID.userC, actorName: 'Example User C' }) },
      { name: 'memberships:disconnected', via: 'both', data: { actorId: ID.userB, actorName: 'Example User B', roomId: ID.room }, expect: eq('detail.data.roomId', ID.room) },
      {
        name: 'notification:created', via: 'both',
        data: {
          username: 'Example User B', message: 'Example User B: ' + NON_ASCII, avatar: 'https://avatar-prod-us-east-2.webexcontent.com/Avtr~V1~consumer/V1~' + U.userB + '~80',
          alertType: 'full', notificationId: U.notification,
          notification: { title: 'Example User B', body: NON_ASCII, tag: U.notification, close: function () {}, onclick: null, view: env.window }
        },
        expect: all(eq('detail.data.notification', { title: 'Example User B', body: NON_ASCII, tag: U.notification, onclick: null }),
          eq('detail.data.message', 'Example User B: ' + NON_ASCII))
      },
      {
        name: 'notification:clicked', via: 'both',
        data: { username: 'Example User B', message: 'hello', avatar: '', alertType: 'full', notificationId: U.notification, notification: { title: 'Example User B', tag: U.notification } },
        expect: eq('detail.data.notificationId', U.notification)
      },
      { name: 'mention:clicked', via: 'both', data: { type: 'person', id: ID.personMention }, expect: eq('detail.data', { type: 'person', id: ID.personMention }) },
      // Switching tabs back and forth passes the same activity object again: all three arrive.
      { name: 'activity:changed', via: 'both', data: activities.meet, expect: eq('detail.data', { name: 'meet', displayName: 'Meet', type: 'ACTIVITY_TYPE_PRIMARY' }) },
      { name: 'activity:changed', via: 'both', data: activities.message, expect: eq('detail.data.name', 'message') },
      { name: 'activity:changed', via: 'both', data: activities.meet, expect: eq('detail.data.name', 'meet') },
      { name: 'add:clicked', via: 'both', data: {}, expect: eq('detail', { resource: 'add', event: 'clicked', data: {} }) },
      { name: 'profile:clicked', via: 'both', data: currentUser, expect: eq('detail.data.orgId', webexId('ORGANIZATION', 'consumer')) },
      { name: 'user_signout:clicked', via: 'both', data: currentUser, expect: eq('detail.data.emails', ['user-a@example.com']) },
      {
        name: 'spaces:pinned', via: 'both',
        data: { id: ID.room, pinnedAt: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)), counter: BigInt('9007199254740993'), tags: new Set(['a', 'b']), extra: { nested: [1, 'two', { three: 3 }] } },
        expect: all(eq('detail.resource', 'spaces'), eq('detail.event', 'pinned'), eq('detail.data.pinnedAt', '2024-01-02T03:04:05.006Z'),
          eq('detail.data.counter', '9007199254740993'), eq('detail.data.tags', ['a', 'b']))
      },
      // One event only as a DOM CustomEvent, one only through onEvent: each arrives once.
      {
        name: 'rooms:unread', via: 'dom',
        data: { id: ID.directRoom, actorId: ID.userC, actorName: 'Example User C', type: 'direct', lastActivity: '2021-03-04T17:40:00.000Z' },
        expect: eq('detail.data.id', ID.directRoom)
      },
      {
        name: 'messages:created', via: 'callback',
        data: {
          actorId: ID.userC, id: ID.msg3, roomId: ID.directRoom, roomType: 'direct', personId: ID.userC, personEmail: 'user-c@example.com',
          created: '2021-03-04T17:40:00.000Z', text: 'x'.repeat(BIG_TEXT_CHARS) + ' end'
        },
        // Over the 256 KiB cap: posted with the long string truncated (and W_TRUNCATED reported).
        expect: function (msg, assert) {
          var text = msg.detail.data.text;
          assert.ok(text.length < BIG_TEXT_CHARS, 'text truncated');
          assert.ok(text.length >= 256, 'text not truncated below the floor');
          assert.strictEqual(text.slice(-1), '\u2026');
          assert.strictEqual(msg.detail.data.id, ID.msg3, 'ids survive truncation');
        },
        truncated: true
      }
    ];
  }

  function fakeEnv() {
    var win = {};
    win.window = win;
    return {
      window: win,
      document: { createElement: function (tag) { return { nodeType: 1, nodeName: String(tag).toUpperCase() }; } }
    };
  }

  return { buildEvents: buildEvents, fakeEnv: fakeEnv, webexId: webexId, ID: ID, NON_ASCII: NON_ASCII, LOCUS_URL: LOCUS_URL };
}));
