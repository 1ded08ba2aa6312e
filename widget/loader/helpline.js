/* Helpline loader. Draws the Help button in a shadow root; loads nothing else until the
   visitor asks for help (or had a conversation lately on an earlier page, for the unread
   badge). The messenger runs in an iframe on the Helpline server's origin; the two talk
   only by postMessage with explicit target origins. Commands: Helpline('open'|'close'|
   'toggle'), Helpline('on', 'open'|'close'|'unread'|'access', fn) (access: {level:
   'view'|'act', until} while support may access the user's account, else null),
   Helpline('revokeAccess') (ends that access), Helpline('identify', {email,
   name, user_id, company_id, attributes, locale, user_hash | identity_token}), Helpline('reset')
   (the user signed out: the next messenger starts with a new visitor; remembered in this
   origin's localStorage until a messenger has started that way), Helpline('boot',
   {locale: 'de'}) (the language to speak, before the browser's), Helpline('boot',
   {captureErrors: true}) (or data-capture-errors on the script tag): the page's last 20
   uncaught errors and rejected promises are kept for "Email us", which shows them to the
   visitor and sends them only if the visitor agrees.

   It runs inside pages nobody here controls, so it leans on nothing a page likes to
   replace: no fetch, no Array methods (plain loops), no inline styles (a constructable
   stylesheet, which a style-src policy allows), no innerHTML (Trusted Types), no global
   a page could already own. The launcher lives in the top layer (a manual popover) on
   <html>, above any z-index and untouched by a transform on <body>. It wears the
   workspace's brand colour, side and label as the messenger last said in `ready`,
   remembered in localStorage, so a later page draws it so before any request; before
   the messenger ever ran, the colours and side of the snippet's data-look
   ("#rrggbb #rrggbb left|right"). */
(function (w, d) {
  var script = d.currentScript;
  // No identifier can name this key, so no global of the page collides with it.
  if (!script || w['helpline:loaded']) return;
  w['helpline:loaded'] = 1;
  var link = d.createElement('a');
  link.href = script.src;
  var server = link.origin;
  var app = script.getAttribute('data-app-id') || '';
  var key = 'helpline:' + app + ':';
  var view = w.visualViewport;
  // [name, fn] pairs from Helpline('on', …).
  var listeners = [];
  // ready: 0 loading, 1 the messenger runs, 2 the server refused and the frame says why.
  var frame, ready, opened, timer, user, sent;
  // Unread replies; support access: its level ('view' or 'act') and until when, with the
  // timer that ends it; and a revocation asked for before the messenger ran.
  var count = 0, level = 0, until = 0, ends, revoking;
  var capturing = script.hasAttribute('data-capture-errors');
  var errors = [];
  // The launcher's words in each language the messenger speaks: its name, "unread", the
  // two support access states, the unreachable note and the frame's name. asked: the
  // host's locale; lang: the one spoken; fell: neither the host nor the browser named
  // one, so the messenger's (the workspace's default) is remembered for later pages.
  var words = {
    en: ['Help', 'unread', 'support can act on your behalf', 'support can view your account',
      'Support is unreachable right now. Please try again in a moment.', 'Support messenger'],
    de: ['Hilfe', 'ungelesen', 'der Support kann in Ihrem Namen handeln', 'der Support kann Ihr Konto einsehen',
      'Der Support ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.', 'Support-Messenger'],
    es: ['Ayuda', 'sin leer', 'el soporte puede actuar en su nombre', 'el soporte puede ver su cuenta',
      'El soporte no está disponible ahora. Inténtelo de nuevo en un momento.', 'Mensajería de soporte'],
    ar: ['مساعدة', 'غير مقروءة', 'يمكن للدعم التصرف نيابةً عنك', 'يمكن للدعم الاطلاع على حسابك',
      'الدعم غير متاح الآن. يُرجى المحاولة مرة أخرى بعد قليل.', 'نافذة مراسلة الدعم']
  };
  var asked, lang, fell, text, name;

  function add(tag, parent, name) {
    var node = d.createElement(tag);
    if (name) node.className = name;
    return parent.appendChild(node);
  }

  var host = d.createElement('helpline-launcher');
  var root = host.attachShadow({ mode: 'open' });
  var css =
    ':host{all:initial!important;display:block!important;position:fixed!important;right:0!important;bottom:0!important;' +
    'z-index:2147483647!important;overflow:visible!important}' +
    // The side the workspace chose (.l: left, mirrored in right-to-left text) and its
    // safe-area inset; the brand colour and the text on it as the messenger last said.
    ':host{--s:env(safe-area-inset-right)}:host([dir=rtl]),:host(.l){--s:env(safe-area-inset-left)}' +
    ':host([dir=rtl].l){--s:env(safe-area-inset-right)}' +
    'button{position:fixed;inset-inline-end:calc(20px + var(--s));bottom:calc(20px + env(safe-area-inset-bottom));' +
    'display:flex;align-items:center;gap:6px;padding:12px 18px;border:0;border-radius:999px;background:var(--c,#3b5bdb);color:var(--f,#fff);' +
    'font:600 15px system-ui,sans-serif;box-shadow:0 6px 20px rgba(17,24,39,.25);cursor:pointer}' +
    'button:focus-visible{outline:3px solid #91a7ff;outline-offset:2px}' +
    '.a{display:flex}svg{width:18px;height:18px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round}' +
    '.b{min-width:18px;padding:1px 5px;border-radius:9px;background:#e03131;font-size:12px;box-sizing:border-box;text-align:center}' +
    '.p{position:fixed;inset-inline-end:20px;bottom:84px;width:380px;height:min(600px,calc(100vh - 104px));' +
    'border-radius:12px;overflow:hidden;box-shadow:0 8px 28px rgba(17,24,39,.28);background:#fff}' +
    'iframe{display:block;width:100%;height:100%;border:0}' +
    '.n{position:fixed;inset-inline-end:20px;bottom:84px;max-width:300px;margin:0;padding:12px 14px;' +
    'border-radius:10px;background:#fff;color:#1d2330;font:14px system-ui,sans-serif;box-shadow:0 6px 20px rgba(17,24,39,.2)}' +
    ':host(.l) button{inset-inline:calc(20px + var(--s)) auto}:host(.l) .p,:host(.l) .n{inset-inline:20px auto}' +
    '[hidden]{display:none!important}' +
    // Phones, landscape phones and zoomed-in desktops: the whole (visual) viewport, inside
    // the safe area, and no launcher over the messenger's own close button.
    '@media (max-width:480px),(max-height:480px){.p,:host(.l) .p{inset:var(--t,0) auto auto var(--l,0);width:var(--w,100%);' +
    'height:var(--h,100%);border-radius:0;box-sizing:border-box;padding:env(safe-area-inset-top) ' +
    'env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left)}.r:not([hidden])~button{display:none}}';
  try {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch (e) {
    add('style', root).textContent = css;
  }
  var panel = add('div', root, 'p');
  var note = add('p', root, 'n');
  var button = add('button', root);
  button.type = 'button';
  var caption = button.appendChild(d.createTextNode(''));
  var badge = add('span', button, 'b');
  // The support access indicator: a headset while support may act as the user, an eye
  // while it may only look.
  var indicator = add('span', button, 'a');
  var icon = d.createElementNS('http://www.w3.org/2000/svg', 'svg');
  var shape = d.createElementNS('http://www.w3.org/2000/svg', 'path');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.appendChild(shape);
  indicator.appendChild(icon);
  note.setAttribute('role', 'status');
  badge.setAttribute('aria-hidden', 'true');
  indicator.setAttribute('aria-hidden', 'true');
  panel.hidden = note.hidden = badge.hidden = indicator.hidden = true;
  button.setAttribute('aria-expanded', 'false');

  function store(name, value) {
    try { value ? localStorage.setItem(key + name, value) : localStorage.removeItem(key + name); } catch (e) { /* storage may be blocked */ }
  }
  function stored(name) {
    try { return localStorage.getItem(key + name); } catch (e) { /* storage may be blocked */ }
  }
  // The button's name says what its badge and indicator show.
  function label() {
    button.setAttribute('aria-label', name + (count ? ', ' + count + ' ' + text[1] : '') +
      (level ? ', ' + text[level === 'act' ? 2 : 3] : ''));
  }
  // A language the messenger speaks, from a tag such as 'de-AT'; 0 for any other.
  function known(tag) {
    tag = ('' + tag).toLowerCase();
    var two = tag.slice(0, 2), next = tag.charAt(2);
    // Not words[two]: a page may have added that name to Object.prototype.
    return two[1] && 'en de es ar'.indexOf(two) % 3 === 0 && (!next || next === '-' || next === '_') ? two : 0;
  }
  // Speaks the host's language, else the browser's first one we know, else the one the
  // messenger spoke on an earlier page, else English; right to left for Arabic.
  function speak() {
    var found = known(asked), languages = navigator.languages || [navigator.language];
    for (var i = 0; !found && i < languages.length; i++) found = known(languages[i]);
    fell = !found;
    lang = found || known(stored('locale')) || 'en';
    text = words[lang];
    // The workspace's own label in this language, as the messenger last said.
    name = stored('label:' + lang) || text[0];
    host.lang = lang;
    host.dir = lang === 'ar' ? 'rtl' : 'ltr';
    caption.nodeValue = name;
    label();
  }
  // Draws the launcher in the workspace's colours ('#rrggbb' each) on its side.
  function look(seen) {
    seen = ('' + seen).split(' ');
    if (seen[0].charAt(0) === '#') {
      host.style.setProperty('--c', seen[0]);
      host.style.setProperty('--f', seen[1]);
      host.className = seen[2] === 'left' ? 'l' : '';
    }
  }
  function unread(n) {
    count = n;
    badge.textContent = n > 9 ? '9+' : '' + n;
    badge.hidden = !n;
    label();
    emit('unread', n);
  }
  // Support access as the messenger last said (or as remembered from an earlier page),
  // shown until it ends.
  function access(to, end) {
    var was = level + ':' + until;
    level = (to === 'act' || to === 'view') && end > Date.now() ? to : 0;
    until = level ? end : 0;
    store('access', level && level + ':' + until);
    clearTimeout(ends);
    if (level) ends = setTimeout(function () { access(); }, Math.min(until - Date.now(), 2e9));
    shape.setAttribute('d', level === 'act'
      ? 'M4 15v-3a8 8 0 0 1 16 0v3M4 15h3v5H4zM17 15h3v5h-3zM20 20c0 1-2 2-6 2'
      : 'M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12zM12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z');
    indicator.hidden = !level;
    label();
    if (was !== level + ':' + until) emit('access', level ? { level: level, until: until } : null);
  }
  function drop() {
    clearTimeout(timer);
    if (frame) frame.remove();
    frame = ready = 0;
    panel.className = 'p';
  }
  function emit(name, value) {
    for (var i = 0; i < listeners.length; i++) {
      if (listeners[i][0] === name) {
        try { listeners[i][1](value); } catch (e) { setTimeout(function () { throw e; }); }
      }
    }
  }
  function post(message) {
    // An identity the page passed may not survive structured cloning.
    try { if (ready === 1) frame.contentWindow.postMessage(message, server); } catch (e) { /* nothing to send */ }
  }
  // Keeps the page's last 20 errors (a plain loop: no Array method a page replaced).
  function caught(text) {
    if (capturing) {
      if (errors.length > 19) {
        for (var i = 1; i < 20; i++) errors[i - 1] = errors[i];
        errors.length = 19;
      }
      errors[errors.length] = ('' + text).slice(0, 2000);
      post({ helpline: 1, type: 'errors', errors: errors });
    }
  }
  function wait(ms) {
    clearTimeout(timer);
    timer = setTimeout(unreachable, ms);
  }
  // Neither the messenger nor the server's refusal answered: the server is unreachable.
  function unreachable() {
    drop();
    // A messenger preloaded for the badge fails quietly; the next click tries again.
    if (!opened) return;
    note.textContent = text[4];
    note.hidden = false;
    show(false, 1);
  }
  function mount() {
    if (frame) return;
    frame = d.createElement('iframe');
    frame.title = text[5];
    // "Take a screenshot" asks for this tab.
    frame.allow = 'display-capture';
    frame.src = server + '/messenger?app_id=' + encodeURIComponent(app) + '&host=' + encodeURIComponent(location.origin) +
      (stored('reset') ? '&reset=1' : '') + (asked ? '&locale=' + encodeURIComponent(asked) : '');
    // A document arrived (a dead server's error page too): the messenger now has a few
    // seconds to say it runs.
    frame.onload = function () { if (!ready) wait(8000); };
    panel.appendChild(frame);
    wait(20000);
  }
  // Fits the full-screen panel to the visual viewport, which the on-screen keyboard shrinks.
  // (It also fits a page wider than the screen, whose layout viewport is wider too.)
  function fit() {
    if (view && opened) {
      var style = panel.style;
      style.setProperty('--t', view.offsetTop + 'px');
      style.setProperty('--l', view.offsetLeft + 'px');
      style.setProperty('--h', view.height + 'px');
      style.setProperty('--w', view.width + 'px');
    }
  }
  function show(open, quiet) {
    if (open === opened) return;
    opened = open;
    fit();
    panel.hidden = !open;
    button.setAttribute('aria-expanded', '' + open);
    post({ helpline: 1, type: 'visible', open: open });
    if (!quiet) emit(open ? 'open' : 'close');
    if (!open && quiet !== 1) button.focus();
  }
  function open() {
    note.hidden = true;
    mount();
    show(true);
    if (ready === 1) frame.focus();
  }
  function init() {
    sent = location.href;
    post({ helpline: 1, type: 'init', page_url: sent, user: user, viewport: w.innerWidth + '×' + w.innerHeight });
  }
  // A single-page app changed the URL: agents see the new page.
  function moved() {
    if (location.href !== sent) init();
  }
  function run(args) {
    try {
      var name = args[0], arg = args[1];
      if (name === 'open') open();
      else if (name === 'close') show(false);
      else if (name === 'toggle') opened ? show(false) : open();
      else if (name === 'revokeAccess') {
        // The messenger revokes; it starts, hidden, if it is not running yet.
        if (ready === 1) post({ helpline: 1, type: 'revoke_access' });
        else {
          revoking = 1;
          mount();
        }
      } else if (name === 'boot') {
        capturing = !!(arg && arg.captureErrors);
        if (arg && arg.locale) asked = '' + arg.locale;
        speak();
      } else if (name === 'identify') {
        user = arg;
        if (arg && arg.locale) asked = '' + arg.locale;
        speak();
        init();
      } else if (name === 'on' && typeof args[2] == 'function') listeners[listeners.length] = [arg, args[2]];
      else if (name === 'reset') {
        // The user signed out: a new messenger forgets this browser's visitor.
        user = 0;
        store('active');
        store('reset', 1);
        unread(0);
        access();
        if (frame) {
          drop();
          if (opened) mount();
        }
      }
    } catch (e) { /* a malformed command does nothing */ }
  }

  w.addEventListener('message', function (event) {
    var data = event.data;
    if (event.origin !== server || !frame || event.source !== frame.contentWindow || !data || data.helpline !== 1) return;
    var type = data.type;
    if (type === 'ready') {
      clearTimeout(timer);
      ready = 1;
      panel.className = 'p r';
      if (fell && known(data.locale)) store('locale', known(data.locale));
      var seen = data.brand + ' ' + data.on_brand + ' ' + data.position;
      store('look', seen);
      look(seen);
      if (known(data.locale)) store('label:' + known(data.locale), data.label);
      speak();
      // Every messenger mounted since a reset was told to start over.
      store('reset');
      init();
      post({ helpline: 1, type: 'errors', errors: errors });
      post({ helpline: 1, type: 'visible', open: !!opened });
      if (opened) frame.focus();
      if (revoking) post({ helpline: 1, type: 'revoke_access' });
      revoking = 0;
    } else if (type === 'refused') {
      // The frame shows the server's reason; that stays the answer.
      clearTimeout(timer);
      ready = 2;
    } else if (type === 'access') {
      access(data.level, +data.until);
    } else if (type === 'unread') {
      unread(Math.max(0, data.count | 0));
    } else if (type === 'close') {
      show(false);
    } else if (type === 'active') {
      // Preload on later pages until then: the conversation is open and not idle.
      store('active', data.until > Date.now() ? data.until : 0);
    }
  });
  button.addEventListener('click', function () { run(['toggle']); });
  w.addEventListener('error', function (e) {
    if (e.message) caught((e.error && e.error.stack) || e.message + ' (' + e.filename + ':' + e.lineno + ')');
  });
  w.addEventListener('unhandledrejection', function (e) {
    // A reason may be anything, even a value that cannot become text.
    try { caught('Unhandled rejection: ' + ((e.reason && e.reason.stack) || e.reason)); } catch (x) { /* nothing to keep */ }
  });
  if (view) {
    view.addEventListener('resize', fit);
    view.addEventListener('scroll', fit);
  }
  var navigation = w.navigation;
  if (navigation) navigation.addEventListener('currententrychange', moved);
  else {
    w.addEventListener('popstate', moved);
    var history = w.history;
    var wrap = function (name) {
      var original = history[name];
      history[name] = function () {
        var result = original.apply(this, arguments);
        moved();
        return result;
      };
    };
    wrap('pushState');
    wrap('replaceState');
  }
  speak();
  // As the messenger last said, else as the snippet says (a first visit).
  look(stored('look') || script.getAttribute('data-look'));
  // On <html>, not <body>: a transform on <body> would carry a fixed launcher away.
  d.documentElement.appendChild(host);
  try {
    host.setAttribute('popover', 'manual');
    host.showPopover();
  } catch (e) { /* no top layer here: the maximum z-index, last in the document, is next best */ }

  var queue;
  try { queue = w.Helpline && w.Helpline.q; } catch (e) { /* a getter that throws is no queue */ }
  try { w.Helpline = function () { run(arguments); }; } catch (e) { /* a read-only global */ }
  if (queue) for (var i = 0; i < queue.length && i < 1e3; i++) run(queue[i] || []);
  // Support access granted on an earlier page shows at once; the messenger, loaded
  // hidden, then keeps it true (a revocation on another device ends it here too).
  var granted = ('' + stored('access')).split(':');
  access(granted[0], +granted[1]);
  // The visitor talked to support lately, on an earlier page, or support has access:
  // load the messenger hidden, so unread replies show on the badge without a click and
  // the access indicator stays true.
  if (stored('active') > Date.now() || level) mount();
})(window, document);
