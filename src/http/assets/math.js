// KaTeX positions glyphs with inline styles, which the CSP forbids as attributes; the server
// moves them to data-ks attributes and this applies them through the CSSOM, which CSP allows.
(function () {
  function apply(scope) {
    var nodes = scope.querySelectorAll('[data-ks]');
    for (var i = 0; i < nodes.length; i++) {
      nodes[i].style.cssText = nodes[i].getAttribute('data-ks');
      nodes[i].removeAttribute('data-ks');
    }
  }
  apply(document);
  document.addEventListener('paperboy:append', function (e) { apply(e.target); });
})();
