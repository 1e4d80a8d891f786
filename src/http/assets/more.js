// Infinite scroll for search results, as progressive enhancement: the "More results" link works
// on its own; with JavaScript, the next page's HTML fragment is fetched and appended when the link
// scrolls into view (or is clicked), and the link is replaced by the fragment's own.
(function () {
  var busy = false;
  function fragmentUrl(href) {
    var url = new URL(href, location.href);
    url.searchParams.set('fragment', '1');
    return url.toString();
  }
  function load(link) {
    if (busy) return;
    busy = true;
    link.setAttribute('aria-busy', 'true');
    fetch(fragmentUrl(link.href), { headers: { Accept: 'text/html' } })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var list = document.querySelector('[data-results]');
        var items = doc.querySelectorAll('[data-results] > li');
        for (var i = 0; i < items.length; i++) {
          var item = document.adoptNode(items[i]);
          list.appendChild(item);
          item.dispatchEvent(new CustomEvent('paperboy:append', { bubbles: true }));
        }
        var next = doc.querySelector('[data-more]');
        var box = link.closest('.more');
        if (next && box) {
          box.replaceWith(document.adoptNode(next.closest('.more')));
          watch();
        } else if (box) {
          box.remove();
        }
        busy = false;
      })
      .catch(function () {
        busy = false;
        link.removeAttribute('aria-busy');
      });
  }
  function watch() {
    var link = document.querySelector('[data-more]');
    if (!link) return;
    link.addEventListener('click', function (e) {
      e.preventDefault();
      load(link);
    });
    if ('IntersectionObserver' in window) {
      var observer = new IntersectionObserver(function (entries) {
        if (entries[0] && entries[0].isIntersecting) {
          observer.disconnect();
          load(link);
        }
      }, { rootMargin: '400px' });
      observer.observe(link);
    }
  }
  watch();
})();
