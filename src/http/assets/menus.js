// The header's menus (the account's and the phone's) are details elements, so they open without
// JavaScript. With it, a click elsewhere or Escape closes an open one, as menus do; and "/", typed
// anywhere but in a field, goes to the search box, as on most sites with one. A select marked
// data-submit-on-change (the feeds' category picker) applies a choice made in its opened list at
// once; one reached with the keyboard's arrows is applied by Enter or on leaving the select, so
// the arrows can move through the options. Without JavaScript, its form's button applies it. In a list of papers, "j" and "k" move to the next and the
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
  /** The select marked data-submit-on-change an event is for, if it is one in a form. */
  function autoSelect(event) {
    var target = event.target;
    return target instanceof HTMLSelectElement && target.hasAttribute('data-submit-on-change') && target.form ? target : null;
  }
  /** Submits the select's form when its value is not the one the page was served with. */
  function apply(select) {
    var served = '';
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].defaultSelected) served = select.options[i].value;
    }
    if (select.value === served || select.getAttribute('data-applying')) return;
    select.setAttribute('data-applying', '1');
    if (typeof select.form.requestSubmit === 'function') select.form.requestSubmit();
    else select.form.submit();
  }
  // Whether the select was last changed with the keys (arrows on the closed select) rather than
  // by a choice in its opened list.
  var byKeys = false;
  document.addEventListener('pointerdown', function (event) {
    if (autoSelect(event)) byKeys = false;
  }, true);
  document.addEventListener('keydown', function (event) {
    var select = autoSelect(event);
    if (!select) return;
    byKeys = true;
    if (event.key === 'Enter' && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      apply(select);
    }
  }, true);
  document.addEventListener('change', function (event) {
    var select = autoSelect(event);
    if (select && !byKeys) apply(select);
  });
  document.addEventListener('focusout', function (event) {
    var select = autoSelect(event);
    // Not when the whole window loses focus: the select is left when the reader comes back.
    if (select && document.hasFocus()) apply(select);
  });
  // A page brought back by Back applies again.
  window.addEventListener('pageshow', function () {
    document.querySelectorAll('select[data-applying]').forEach(function (select) {
      select.removeAttribute('data-applying');
    });
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
