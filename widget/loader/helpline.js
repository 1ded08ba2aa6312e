/* Helpline loader. Draws the Help button in a shadow root; loads nothing else until the
   visitor asks for help (or had a conversation on an earlier page, for the unread badge).
   The messenger runs in an iframe on the Helpline server's origin; the two talk only by
   postMessage with explicit target origins. Commands: Helpline('open'|'close'|'toggle'),
   Helpline('on', 'open'|'close'|'unread', fn), Helpline('identify', {email, name,
   user_id, company_id, attributes, user_hash | identity_token}), Helpline('reset') (the
   user signed out: the next messenger starts with a new visitor; remembered in this
   origin's localStorage until a messenger has started that way). */
(function (w, d) {
  var script = d.currentScript;
  if (!script || w.__helpline) return;
  w.__helpline = 1;
  var server = new URL(script.src).origin;
  var app = script.getAttribute('data-app-id') || '';
  var key = 'helpline:' + app + ':';
  var queue = (w.Helpline && w.Helpline.q) || [];
  var handlers = { open: [], close: [], unread: [] };
  var frame, ready, opened, timer, user;

  var host = d.createElement('div');
  var root = host.attachShadow({ mode: 'open' });
  root.innerHTML =
    '<style>:host{all:initial}' +
    'button{position:fixed;right:20px;bottom:20px;z-index:2147483000;display:flex;align-items:center;gap:6px;' +
    'padding:12px 18px;border:0;border-radius:999px;background:#3b5bdb;color:#fff;font:600 15px system-ui,sans-serif;' +
    'box-shadow:0 6px 20px rgba(17,24,39,.25);cursor:pointer}' +
    'button:focus-visible{outline:3px solid #91a7ff;outline-offset:2px}' +
    '.b{min-width:18px;padding:1px 5px;border-radius:9px;background:#e03131;font-size:12px;box-sizing:border-box;text-align:center}' +
    '.p{position:fixed;right:20px;bottom:84px;z-index:2147483000;width:380px;height:min(600px,calc(100vh - 104px));' +
    'border-radius:12px;overflow:hidden;box-shadow:0 8px 28px rgba(17,24,39,.28);background:#fff}' +
    '.p iframe{width:100%;height:100%;border:0}' +
    '.n{position:fixed;right:20px;bottom:84px;z-index:2147483000;max-width:300px;margin:0;padding:12px 14px;' +
    'border-radius:10px;background:#fff;color:#1d2330;font:14px system-ui,sans-serif;box-shadow:0 6px 20px rgba(17,24,39,.2)}' +
    '[hidden]{display:none!important}' +
    '@media (max-width:480px){.p{right:0;bottom:0;width:100vw;height:100vh;border-radius:0}}</style>' +
    '<div class="p" hidden></div><p class="n" role="status" hidden></p>' +
    '<button type="button" aria-label="Help" aria-expanded="false">Help<span class="b" aria-hidden="true" hidden></span></button>';
  var panel = root.querySelector('.p');
  var note = root.querySelector('.n');
  var button = root.querySelector('button');
  var badge = root.querySelector('.b');

  function store(name, value) {
    try { value ? localStorage.setItem(key + name, value) : localStorage.removeItem(key + name); } catch (e) { /* storage may be blocked */ }
  }
  function stored(name) {
    try { return localStorage.getItem(key + name); } catch (e) { /* storage may be blocked */ }
  }
  function unread(count) {
    badge.textContent = count > 9 ? '9+' : String(count);
    badge.hidden = !count;
    button.setAttribute('aria-label', count ? 'Help, ' + count + ' unread' : 'Help');
    emit('unread', count);
  }
  function drop() {
    clearTimeout(timer);
    if (frame) frame.remove();
    frame = ready = 0;
  }
  function emit(name, value) {
    handlers[name].forEach(function (fn) {
      try { fn(value); } catch (e) { setTimeout(function () { throw e; }); }
    });
  }
  function post(message) {
    if (ready) frame.contentWindow.postMessage(message, server);
  }
  function unreachable() {
    drop();
    note.textContent = 'Support is unreachable right now. Please try again in a moment.';
    note.hidden = false;
    show(false, 1);
  }
  function mount() {
    if (frame) return;
    frame = d.createElement('iframe');
    frame.title = 'Support messenger';
    frame.src = server + '/messenger?app_id=' + encodeURIComponent(app) + '&host=' + encodeURIComponent(location.origin) +
      (stored('reset') ? '&reset=1' : '');
    panel.appendChild(frame);
    clearTimeout(timer);
    timer = setTimeout(unreachable, 15000);
  }
  function show(open, quiet) {
    if (open === opened) return;
    opened = open;
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    post({ helpline: 1, type: 'visible', open: open });
    if (!quiet) emit(open ? 'open' : 'close');
    if (!open && quiet !== 1) button.focus();
  }
  function open() {
    note.hidden = true;
    if (!frame) {
      // A cheap reachability check, so a dead server gets a message and not an empty box.
      fetch(server + '/healthz', { mode: 'no-cors', cache: 'no-store' }).catch(unreachable);
      mount();
    }
    show(true);
    if (ready) frame.focus();
  }
  function init() {
    post({ helpline: 1, type: 'init', page_url: location.href, user: user });
  }
  var commands = {
    open: open,
    identify: function (who) { user = who; init(); },
    // The user signed out: a new messenger forgets this browser's visitor.
    reset: function () {
      user = 0;
      store('active');
      store('reset', 1);
      unread(0);
      if (frame) {
        drop();
        if (opened) mount();
      }
    },
    close: function () { show(false); },
    toggle: function () { opened ? show(false) : open(); },
    on: function (name, fn) { if (handlers[name] && typeof fn == 'function') handlers[name].push(fn); }
  };
  function run(args) {
    var command = commands[args[0]];
    if (command) command(args[1], args[2]);
  }

  w.addEventListener('message', function (event) {
    var data = event.data;
    if (event.origin !== server || !frame || event.source !== frame.contentWindow || !data || data.helpline !== 1) return;
    if (data.type === 'ready') {
      clearTimeout(timer);
      ready = 1;
      // Every messenger mounted since a reset was told to start over.
      store('reset');
      init();
      post({ helpline: 1, type: 'visible', open: !!opened });
      if (opened) frame.focus();
    } else if (data.type === 'unread') {
      unread(Math.max(0, data.count | 0));
    } else if (data.type === 'close') {
      show(false);
    } else if (data.type === 'active') {
      store('active', 1);
    }
  });
  button.addEventListener('click', commands.toggle);
  d.body.appendChild(host);

  w.Helpline = function () { run(arguments); };
  queue.forEach(run);
  // The visitor talked to support on an earlier page: load the messenger hidden, so
  // unread replies show on the badge without a click.
  if (stored('active')) mount();
})(window, document);
