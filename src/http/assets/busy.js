// Shows that a slow form is working: when a form holding a button[data-busy="Label…"] is sent, the
// button is disabled and reads that label, and the form cannot be sent again while the page waits
// (submitting a paper waits on arXiv, seconds at a time; a comment is posted once however often
// its button is pressed). Without JavaScript the form posts as any
// form does. A page brought back from the back/forward cache gets its button back.
(function () {
  var forms = [];
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    var button = form.querySelector('button[data-busy]');
    if (!button) return;
    if (form.getAttribute('data-sending')) {
      event.preventDefault();
      return;
    }
    // Another script (confirm.js) may have stopped it; then nothing is sent.
    if (event.defaultPrevented) return;
    form.setAttribute('data-sending', '1');
    button.setAttribute('data-label', button.textContent);
    button.textContent = button.getAttribute('data-busy');
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    forms.push(form);
  });
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    forms.splice(0).forEach(function (form) {
      var button = form.querySelector('button[data-busy]');
      form.removeAttribute('data-sending');
      button.textContent = button.getAttribute('data-label');
      button.disabled = false;
      button.removeAttribute('aria-busy');
    });
  });
})();
