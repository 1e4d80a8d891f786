// Infinite scroll for search results, as progressive enhancement: the "More results" link works
// on its own; with JavaScript, the next page's HTML fragment is fetched and appended when the link
// scrolls into view (or is clicked), and the link is replaced by the fragment's own. The results'
// status line tells screen readers how many came ("12 more results loaded"); when the link was
// pressed (or had the focus), the focus goes to the first new result, so the next Tab moves
// through them instead of skipping to the next link. Loading on scroll leaves the focus alone.
// The reader's place survives Back and reload: how many pages were appended and the scroll
// position are kept in this history entry's state (so a new search, a new entry, starts afresh),
// and on return the same pages are fetched again in order before the position is restored. A page
// the back/forward cache keeps needs none of it. A page that fails to load ends the restoring
// quietly, leaving its link.
(function () {
  var busy = false;
  var restoring = false;
  var pages = 0;
  var timer = 0;
  // The reader pressed the link: the focus follows to the page it loads.
  var follow = false;
  /** The results' status line, or a polite live region made for want of one. */
  var status = document.querySelector('.result-count[role="status"]');
  if (!status && document.querySelector('[data-more]')) {
    status = document.createElement('p');
    status.className = 'sr-only';
    status.setAttribute('role', 'status');
    document.body.appendChild(status);
  }
  /** Says how many results came, and how many are now shown, in the status line. */
  function announce(added) {
    if (!status) return;
    var note = status.querySelector('[data-more-note]');
    if (!note) {
      note = document.createElement('span');
      note.className = 'sr-only';
      note.setAttribute('data-more-note', '');
      status.appendChild(note);
    }
    var shown = document.querySelectorAll('[data-results] > li').length;
    note.textContent = ' ' + added + ' more ' + (added === 1 ? 'result' : 'results') + ' loaded, ' + shown + ' shown';
  }
  /** Focuses a new result itself (the next Tab goes to its first link or button). */
  function focusResult(item) {
    item.setAttribute('tabindex', '-1');
    item.addEventListener('blur', function () {
      item.removeAttribute('tabindex');
    }, { once: true });
    item.focus();
  }
  function fragmentUrl(href) {
    var url = new URL(href, location.href);
    url.searchParams.set('fragment', '1');
    return url.toString();
  }
  /** Keeps the pages appended and the scroll position in this history entry. */
  function remember() {
    if (restoring || pages === 0) return;
    try {
      var state = Object.assign({}, history.state, { morePages: pages, moreY: Math.round(window.scrollY), moreUrl: location.href });
      history.replaceState(state, '');
    } catch {
      // Too many updates, or a page being left: the last state kept stands.
    }
  }
  /** Appends the page the link leads to; resolves to the next link (or null), rejects on failure. */
  function load(link) {
    busy = true;
    link.setAttribute('aria-busy', 'true');
    return fetch(fragmentUrl(link.href), { headers: { Accept: 'text/html' } })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var list = document.querySelector('[data-results]');
        var items = doc.querySelectorAll('[data-results] > li');
        var box = link.closest('.more');
        var focused = follow || (box !== null && box.contains(document.activeElement));
        var first = null;
        for (var i = 0; i < items.length; i++) {
          var item = document.adoptNode(items[i]);
          list.appendChild(item);
          if (!first) first = item;
          item.dispatchEvent(new CustomEvent('paperboy:append', { bubbles: true }));
        }
        var next = doc.querySelector('[data-more]');
        if (next && box) {
          box.replaceWith(document.adoptNode(next.closest('.more')));
        } else if (box) {
          box.remove();
        }
        pages += 1;
        // The browser cannot bring back a position below its first page: this script does.
        if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
        remember();
        busy = false;
        follow = false;
        if (!restoring && items.length > 0) announce(items.length);
        if (!restoring && focused && first) focusResult(first);
        return document.querySelector('[data-more]');
      }, function (err) {
        busy = false;
        follow = false;
        link.removeAttribute('aria-busy');
        throw err;
      });
  }
  function more(link) {
    if (busy) return;
    load(link).then(function (next) {
      if (next) watch(next);
    }, function () {});
  }
  /** Loads the link's page when clicked and, unless it just failed, when it scrolls into view. */
  function watch(link, failed) {
    link.addEventListener('click', function (e) {
      e.preventDefault();
      follow = true;
      more(link);
    });
    if (!failed && 'IntersectionObserver' in window) {
      var observer = new IntersectionObserver(function (entries) {
        if (entries[0] && entries[0].isIntersecting) {
          observer.disconnect();
          more(link);
        }
      }, { rootMargin: '400px' });
      observer.observe(link);
    }
  }
  /** Loads `left` more pages after `link`, then scrolls back to where the reader was. */
  function restore(link, left, y) {
    function done(last, failed) {
      restoring = false;
      window.scrollTo(0, y);
      remember();
      if (last) watch(last, failed);
    }
    if (!link || left === 0) return done(link, false);
    load(link).then(function (next) {
      restore(next, left - 1, y);
    }, function () {
      done(link, true);
    });
  }

  var link = document.querySelector('[data-more]');
  if (!link) return;
  var saved = history.state;
  if (saved && saved.moreUrl === location.href && saved.morePages > 0) {
    restoring = true;
    restore(link, Math.min(saved.morePages, 1000), saved.moreY || 0);
  } else {
    watch(link);
  }
  window.addEventListener('scroll', function () {
    clearTimeout(timer);
    timer = setTimeout(remember, 200);
  }, { passive: true });
  // Following a result (or any link) records the position it was followed from.
  document.addEventListener('click', remember, true);
})();
