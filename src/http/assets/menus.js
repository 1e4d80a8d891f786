// The header's menus (the account's and the phone's) are details elements, so they open without
// JavaScript. With it, a click elsewhere or Escape closes an open one, as menus do; and "/", typed
// anywhere but in a field, goes to the search box, as on most sites with one. A select marked
// data-submit-on-change (the feeds' category picker) applies its choice at once; without
// JavaScript, its form's button does. In a list of papers, "j" and "k" move to the next and the
// previous paper's title (Enter then opens it), as in mail and feed readers.
(function () {
  function moveCard(step) {
    var links = Array.prototype.slice.call(document.querySelectorAll('ol.cards > li.card h3 a'));
    if (links.length === 0) return false;
    var at = links.indexOf(document.activeElement);
    if (at < 0) {
      // From nowhere in the list: the first paper whose top is on screen (or the last one above).
      at = step > 0 ? -1 : links.length;
      for (var i = 0; i < links.length; i++) {
        if (links[i].getBoundingClientRect().top >= 0) {
          at = step > 0 ? i - 1 : i;
          break;
        }
      }
    }
    var next = links[Math.max(0, Math.min(links.length - 1, at + step))];
    next.focus({ preventScroll: true });
    next.closest('li.card').scrollIntoView({ block: 'nearest' });
    return true;
  }
  document.addEventListener('change', function (event) {
    var target = event.target;
    if (!(target instanceof HTMLSelectElement) || !target.hasAttribute('data-submit-on-change') || !target.form) return;
    if (typeof target.form.requestSubmit === 'function') target.form.requestSubmit();
    else target.form.submit();
  });
  var menus = function () { return document.querySelectorAll('details.user-menu[open], details.phone-menu[open]'); };
  document.addEventListener('click', function (event) {
    menus().forEach(function (menu) {
      if (!menu.contains(event.target)) menu.removeAttribute('open');
    });
  });
  document.addEventListener('keydown', function (event) {
    var target = event.target;
    var typing = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      var search = document.getElementById('page-search') || document.getElementById('site-search');
      if (search) {
        event.preventDefault();
        search.focus();
        if (typeof search.select === 'function') search.select();
      }
      return;
    }
    if ((event.key === 'j' || event.key === 'k') && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      if (moveCard(event.key === 'j' ? 1 : -1)) event.preventDefault();
      return;
    }
    if (event.key !== 'Escape') return;
    menus().forEach(function (menu) {
      menu.removeAttribute('open');
      var summary = menu.querySelector('summary');
      if (summary) summary.focus();
    });
  });
})();
