// "Copy" buttons (a collection's share link, a new API token, a paper's BibTeX): a button with
// data-copy="ID" copies that input's (or textarea's) value to the clipboard, says so, then reads as
// before. Shown only where this script runs; without it the value stays selectable by hand. A
// hidden field cannot be selected instead, so its button shows only where the clipboard API is.
(function () {
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var input = document.getElementById(button.getAttribute('data-copy'));
    var clipboard = navigator.clipboard && navigator.clipboard.writeText;
    if (!input || (input.hidden && !clipboard)) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener('click', function () {
      var done = function () {
        button.textContent = 'Copied';
        setTimeout(function () { button.textContent = label; }, 2000);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(input.value).then(done, function () { input.select(); });
      } else {
        input.select();
      }
    });
  });
})();
